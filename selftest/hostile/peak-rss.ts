import { readdirSync, readFileSync } from 'node:fs';

/**
 * The peak resident memory of every process in one process group (a command
 * started detached, with its npx, node, Playwright runner and workers), from
 * /proc/<pid>/status VmHWM — the kernel's own high-water mark, so a peak
 * between two polls is still seen while the process lives.
 */
export interface PeakRss {
  /** The largest VmHWM of any one process, in MiB. */
  readonly peakMiB: number;
  /** The process it was, by its command name. */
  readonly peakProcess: string;
  readonly processes: number;
}

export function watchPeakRss(group: number, everyMs = 150): { stop(): PeakRss } {
  const peaks = new Map<number, { name: string; kb: number }>();
  const poll = () => {
    let entries: string[];
    try {
      entries = readdirSync('/proc');
    } catch {
      return;
    }
    for (const entry of entries) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        const close = stat.lastIndexOf(')');
        const fields = stat.slice(close + 2).split(' ');
        if (Number(fields[2]) !== group) continue;
        const status = readFileSync(`/proc/${entry}/status`, 'utf8');
        const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
        const name = commandOf(entry, stat.slice(stat.indexOf('(') + 1, close));
        const pid = Number(entry);
        if (kb > (peaks.get(pid)?.kb ?? 0)) peaks.set(pid, { name, kb });
      } catch {
        // Gone between the listing and the read.
      }
    }
  };
  poll();
  const timer = setInterval(poll, everyMs);
  return {
    stop() {
      clearInterval(timer);
      poll();
      let top = { name: '—', kb: 0 };
      for (const peak of peaks.values()) if (peak.kb > top.kb) top = peak;
      return {
        peakMiB: Math.round(top.kb / 1024),
        peakProcess: top.name,
        processes: peaks.size,
      };
    },
  };
}

/** A node process by the script it runs (the runner, a worker, tsx, the report build), else its name. */
function commandOf(pid: string, name: string): string {
  try {
    const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    const script = args
      .slice(1)
      .find((arg) => /\.(ts|js|mjs|cjs)$/.test(arg) && !/tsx\/dist\//.test(arg));
    return script ? `${name} ${script.split('/').slice(-2).join('/')}` : name;
  } catch {
    return name;
  }
}

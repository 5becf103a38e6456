import type net from 'node:net';

/**
 * Connections kept open between one request and the next to the same target, so the
 * next skips the TCP (and TLS) handshake: harness/http/wire.ts asks for one here before
 * it connects. Only a connection whose answer Node read to its end on keep-alive terms is
 * given back (Node emits 'free' for it then); one that was cut, over the cap, late, or
 * told `Connection: close` is destroyed as before.
 *
 * While idle, a connection is watched: a byte, an end or an error from the target drops
 * it, so a stray byte that came before the next request is never read as its answer
 * (bytes sent just as it goes out cannot be told from the answer: only reads use a kept
 * connection, never a write; harness/http/wire.ts). It is unref'd, so it
 * never keeps a process alive; one idle longer than IDLE_MS is not used again (well
 * inside the 5 s a Node server and most proxies keep an idle connection open), and at
 * most MAX_IDLE wait per target.
 */
const IDLE_MS = 1_000;
const MAX_IDLE = 8;

interface Idle {
  readonly socket: net.Socket;
  readonly since: number;
  readonly drop: () => void;
}

const idle = new Map<string, Idle[]>();

/** An open idle connection to `target`, now the caller's, or undefined. */
export function takeIdle(target: string): net.Socket | undefined {
  const waiting = idle.get(target) ?? [];
  for (let next = waiting.pop(); next; next = waiting.pop()) {
    unwatch(next);
    const fresh = performance.now() - next.since <= IDLE_MS;
    if (fresh && !next.socket.destroyed && next.socket.readyState === 'open') {
      next.socket.ref();
      return next.socket;
    }
    next.socket.destroy();
  }
  return undefined;
}

/** Keeps a connection whose exchange ended cleanly for the next request to `target`. */
export function keepIdle(target: string, socket: net.Socket): void {
  const waiting = idle.get(target) ?? [];
  // The oldest wait first in the list: those idle too long go before the count is taken.
  while (waiting[0] && performance.now() - waiting[0].since > IDLE_MS) waiting[0].drop();
  if (socket.destroyed || waiting.length >= MAX_IDLE) {
    socket.destroy();
    return;
  }
  const drop = () => {
    unwatch(entry);
    const at = waiting.indexOf(entry);
    if (at >= 0) waiting.splice(at, 1);
    socket.destroy();
  };
  const entry: Idle = { socket, drop, since: performance.now() };
  socket.on('data', drop);
  socket.on('end', drop);
  socket.on('close', drop);
  socket.on('error', drop);
  socket.unref();
  waiting.push(entry);
  idle.set(target, waiting);
}

function unwatch(entry: Idle): void {
  for (const event of ['data', 'end', 'close', 'error'])
    entry.socket.removeListener(event, entry.drop);
}

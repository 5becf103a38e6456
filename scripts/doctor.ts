import { redact, registerSecret } from '../harness/safety/redact';
import { loadCliConfig, runMain } from './lib/cli';
import { diagnose, endpointRows, type Row } from './lib/ops/doctor';

/**
 * `npm run doctor`: a table a partner can paste into a support ticket —
 * reachability, TLS, the versions served, and what each configured credential
 * is. Exit 0 = all as expected, 1 = something is off (marked ✗), 2 = the
 * target cannot be reached, its /api/me is not the API's (a redirect, a 404
 * page, a 5xx), or the configuration is unreadable.
 */
function table(title: string, header: readonly string[], rows: readonly Row[]): string {
  const all = [header, ...rows.map((row) => row.cells)];
  const widths = header.map((_, column) =>
    Math.max(...all.map((cells) => (cells[column] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd();
  const marks = ['', ...rows.map((row) => (row.ok ? '  ' : '✗ '))];
  return [title, ...all.map((cells, index) => `  ${marks[index] || '  '}${line(cells)}`)].join(
    '\n',
  );
}

async function main(): Promise<number> {
  const config = loadCliConfig();
  if (!config) return 2;
  // Belt and braces: the rows hold no key, and anything echoed back is masked too.
  for (const key of Object.values(config.keys)) registerSecret(key);
  registerSecret(config.proxy?.password);
  const target = config.bundled
    ? `${config.targetUrl} (no POLYTOMIC_DEPLOYMENT_URL set: the bundled reference server, if running)`
    : config.targetUrl;
  const diagnosis = await diagnose(config);
  const out = [
    `Polytomic conformance doctor — ${target}`,
    '',
    table('Connection', ['check', 'result'], diagnosis.connection),
  ];
  if (diagnosis.credentialsSent) {
    out.push(
      '',
      table(
        'Versions (GET /api/me)',
        ['version', 'HTTP', 'X-Polytomic-Version', 'verdict'],
        diagnosis.versions,
      ),
    );
    out.push(
      '',
      table(
        'Credentials (GET /api/me)',
        ['variable', 'HTTP', 'kind', 'organization id', 'expected'],
        diagnosis.credentials,
      ),
    );
  }
  out.push(
    '',
    table(
      'Endpoints the suite checks (contract/resources/)',
      ['resource', 'endpoint', 'modes allowed', 'level'],
      endpointRows(config),
    ),
  );
  console.log(redact(out.join('\n')));
  if (!diagnosis.reachable || !diagnosis.usable) return 2;
  const rows = [...diagnosis.connection, ...diagnosis.versions, ...diagnosis.credentials];
  return rows.every((row) => row.ok) ? 0 : 1;
}

runMain(
  () =>
    main().catch((error: Error) => {
      console.error(`Doctor stopped: ${redact(error.message)}`);
      return 2;
    }),
  { leakScan: true },
);

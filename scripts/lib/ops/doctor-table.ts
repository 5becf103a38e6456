import type { HarnessConfig } from '../../../harness/config/env';
import { redact } from '../../../harness/secrets/redact';
import { diagnose, endpointRows, type Row } from './doctor';

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

/**
 * Prints the doctor's tables for `config`: `npm run doctor`, and the preflight of
 * `npm run verify`. 0 = all as expected, 1 = something is off (marked ✗), 2 = the target
 * cannot be reached, its /api/me is not the API's, or the credentials could not be sent.
 */
export async function printDiagnosis(config: HarnessConfig): Promise<number> {
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

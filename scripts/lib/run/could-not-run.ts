import { VERSION_PATTERN } from '../../../contract/versions';
import { type JsonReport, stripAnsi, type TestRow } from './results';

/**
 * A run that judged nothing about the target is "could not run", not a list of
 * failures: no test at all (the web server did not start), or a preflight that
 * kept every version from running because a key is not the kind its variable
 * says, or because it broke before judging anything. A preflight that caught a
 * contract violation (e.g. no version header) is a violation like any other.
 */
export function whyNothingWasJudged(
  report: JsonReport,
  rows: readonly TestRow[],
): string | undefined {
  const globalError = (report.errors ?? [])[0]?.message;
  if (rows.length === 0)
    return `No test ran: ${firstLine(globalError ?? 'Playwright reported no tests')}`;
  const noneRan = rows
    .filter((row) => VERSION_PATTERN.test(row.project))
    .every((row) => row.status === 'skipped' && row.skipReason === 'skipped');
  const failed = rows.filter(
    (row) => !VERSION_PATTERN.test(row.project) && row.status === 'failed',
  );
  if (!noneRan || failed.length === 0) return undefined;
  const wrongKind = failed.filter((row) => row.violatedChecks.includes('credential_kind'));
  if (wrongKind.length > 0) {
    // A wrong identity (not a status) or a 401/403 is about the key; a redirect, a 404 page
    // or a 5xx is about the URL or the server.
    const refused = wrongKind.some((row) => {
      const status = /^\d{3}\b/.exec(received(row))?.[0];
      return status === undefined || /^(2\d\d|401|403)$/.test(status);
    });
    const answers = identityAnswers(report);
    return [
      ...wrongKind.map(
        (row) => answers.get(row.title) ?? `${row.title}? No: /api/me answered ${received(row)}.`,
      ),
      refused
        ? 'No API version was checked: set each key variable to a key of its kind.'
        : 'No API version was checked: the answers above are not about the keys; check POLYTOMIC_DEPLOYMENT_URL and the deployment (npm run doctor).',
    ].join('\n');
  }
  const broken = failed.find((row) => row.violatedChecks.length === 0);
  if (broken && failed.every((row) => row.violatedChecks.length === 0))
    return `The preflight broke before judging anything: ${firstLine(broken.errors[0] ?? broken.title).replace(/^(Error|TransportError): /, '')}`;
  return undefined;
}

/** The preflight's own account of a wrong /api/me answer (status, content type, Location), by test title. */
function identityAnswers(report: JsonReport): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (suite: JsonReport['suites'][number]) => {
    for (const spec of suite.specs ?? [])
      for (const test of spec.tests)
        for (const result of test.results)
          for (const note of result.annotations ?? [])
            if (note.type === 'identity-answer' && note.description)
              out.set(spec.title, `${spec.title}? No: ${note.description}`);
    for (const child of suite.suites ?? []) walk(child);
  };
  for (const suite of report.suites) walk(suite);
  return out;
}

/** The `Received:` line of a violation message: what the target said. */
function received(row: TestRow): string {
  const text = stripAnsi(row.errors.join('\n'));
  return /Received:\s+(.*)/.exec(text)?.[1]?.trim() ?? 'something else';
}

function firstLine(text: string): string {
  return (
    stripAnsi(text)
      .split('\n')
      .find((line) => line.trim() !== '')
      ?.trim() ?? text
  );
}

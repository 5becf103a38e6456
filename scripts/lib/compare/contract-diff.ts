import { type EndpointRow, endpointsFor, label, rowSchema } from '../../../contract/endpoints';
import { VERSIONS, type VersionRow } from '../../../contract/versions';

/**
 * Differences of the contract as data (contract/endpoints.ts, contract/versions.ts)
 * between two versions: endpoints that apply to one and not the other, who may call
 * them, what they answer, and the per-version rules.
 */
export interface ContractChange {
  /** `METHOD /path`, an operation, or `version`. */
  readonly subject: string;
  readonly kind: string;
  readonly breaking: boolean;
  readonly detail: string;
}

export function compareContract(oldVersion: string, newVersion: string): ContractChange[] {
  const before = endpointsFor(oldVersion);
  const after = endpointsFor(newVersion);
  const changes: ContractChange[] = [];
  const find = (rows: readonly EndpointRow[], row: EndpointRow) =>
    rows.find((r) => r.method === row.method && r.path === row.path);
  for (const row of before) {
    const match = find(after, row);
    if (!match) {
      changes.push(
        change(
          label(row),
          'endpoint_removed',
          true,
          `${row.operation} is not routed in ${newVersion}`,
        ),
      );
    } else changes.push(...compareRows(row, match, oldVersion, newVersion));
  }
  for (const row of after) {
    if (find(before, row)) continue;
    const who = row.allowed.join(', ');
    changes.push(change(label(row), 'endpoint_added', false, `${row.operation}, for ${who}`));
  }
  // An operation is a resource's: the users' list is not the organizations'.
  const key = (row: EndpointRow) => `${row.resource} ${row.operation}`;
  for (const operation of new Set(before.map(key))) {
    const was = before.filter((r) => key(r) === operation).map(label);
    const is = after.filter((r) => key(r) === operation).map(label);
    if (is.length > 0 && was.join() !== is.join()) {
      changes.push(
        change(
          operation,
          'operation_moved',
          false,
          `${was.join(', ')} → ${is.join(', ')} (see the endpoint lines)`,
        ),
      );
    }
  }
  return [...changes, ...compareVersionRows(oldVersion, newVersion)];
}

function compareRows(
  a: EndpointRow,
  b: EndpointRow,
  oldVersion: string,
  newVersion: string,
): ContractChange[] {
  const subject = label(a);
  const out: ContractChange[] = [];
  const lost = a.allowed.filter((mode) => !b.allowed.includes(mode));
  const gained = b.allowed.filter((mode) => !a.allowed.includes(mode));
  if (lost.length)
    out.push(change(subject, 'mode_denied', true, `no longer allowed: ${lost.join(', ')}`));
  if (gained.length)
    out.push(change(subject, 'mode_allowed', false, `now allowed: ${gained.join(', ')}`));
  const same = (x: readonly number[], y: readonly number[]) => x.join() === y.join();
  if (!same(a.success, b.success))
    out.push(
      change(
        subject,
        'success_status_changed',
        true,
        `${a.success.join('|')} → ${b.success.join('|')}`,
      ),
    );
  if (a.deniedStatus !== b.deniedStatus)
    out.push(
      change(subject, 'denied_status_changed', true, `${a.deniedStatus} → ${b.deniedStatus}`),
    );
  const [was, is] = [rowSchema(a, oldVersion), rowSchema(b, newVersion)];
  if (was !== is)
    out.push(change(subject, 'body_schema_changed', true, `${was ?? 'none'} → ${is ?? 'none'}`));
  return out;
}

/** Per-version rules: a guarantee given is not breaking, a guarantee taken away is. */
const RULES: readonly { key: 'ownerFirstInList'; what: string }[] = [
  { key: 'ownerFirstInList', what: 'the owner organization comes first in the list' },
];

function compareVersionRows(oldVersion: string, newVersion: string): ContractChange[] {
  const a = VERSIONS.find((row) => row.version === oldVersion);
  const b = VERSIONS.find((row) => row.version === newVersion);
  if (!a || !b) {
    const missing = [a ? undefined : oldVersion, b ? undefined : newVersion].filter(Boolean);
    return [
      change(
        'version',
        'not_in_contract',
        false,
        `${missing.join(', ')} not in contract/versions.ts: per-version rules not compared`,
      ),
    ];
  }
  const out: ContractChange[] = [];
  if (a.status !== b.status)
    out.push(change('version', 'status_changed', false, `${a.status} → ${b.status}`));
  for (const { key, what } of RULES) {
    if (a[key] === b[key]) continue;
    out.push(
      change(
        key,
        b[key] ? 'guarantee_added' : 'guarantee_removed',
        !b[key],
        `${what}: ${yes(a, key)} → ${yes(b, key)}`,
      ),
    );
  }
  // Clearing what an update leaves out takes data a client did not send away: breaking.
  if (a.omittedOnUpdate !== b.omittedOnUpdate)
    out.push(
      change(
        'omittedOnUpdate',
        'update_semantics_changed',
        b.omittedOnUpdate !== 'either' && a.omittedOnUpdate === 'either',
        `fields an update leaves out: ${a.omittedOnUpdate} → ${b.omittedOnUpdate}`,
      ),
    );
  return out;
}

function yes(row: VersionRow, key: 'ownerFirstInList'): string {
  return row[key] ? 'yes' : 'no';
}

function change(subject: string, kind: string, breaking: boolean, detail: string): ContractChange {
  return { subject, kind, breaking, detail };
}

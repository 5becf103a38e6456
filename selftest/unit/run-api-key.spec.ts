import { randomUUID } from 'node:crypto';
import { rmSync, statSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { type HarnessConfig, parseConfig } from '../../harness/config/env';
import {
  madeKeyPath,
  readMadeKey,
  readMadeOutcome,
  removeMadeKey,
} from '../../harness/config/made-credential';
import { runStateDir } from '../../harness/config/paths';
import type { ApiClient, SendOptions } from '../../harness/http/client';
import { guardWrite, WriteRefused } from '../../harness/judge/write-guard';
import { makeCredentials, removeMadeCredentials } from '../../harness/resources/run-api-key';
import { ledgerPath, readLedger } from '../../harness/safety/ledger';

/**
 * harness/resources/run-api-key.ts against a scripted target: what it sends, in which
 * order, what it keeps, and what it undoes when a step fails. Every request goes through
 * the real write guard first, as ApiClient.send does: the guard lets through the writes to the
 * organization the run made, and no other.
 */
const OTHER = '7e1f2a3b-4c5d-4e6f-8a7b-9c0d1e2f3a4b';
const KEY = 'unit-made-key-Tn48Qa2Wp7';

function config(runId: string, extra: Record<string, string> = {}): HarnessConfig {
  return parseConfig({
    POLYTOMIC_DEPLOYMENT_URL: 'https://deployment.test',
    POLYTOMIC_PARTNER_KEY: 'unit-partner-key-Hc51',
    POLYTOMIC_ALLOW_WRITES: 'true',
    POLYTOMIC_API_VERSIONS: '2025-09-18',
    POLYTOMIC_RUN_ID: runId,
    ...extra,
  });
}

/** A target that answers each step 200, or `failAt` (a method and path fragment) with `status`. */
function scripted(cfg: HarnessConfig, failAt?: { what: RegExp; status: number }) {
  const sent: string[] = [];
  // New ids per target: the write guard of this process holds each claimed id for good.
  const ORG = randomUUID();
  const USER = randomUUID();
  let name = '';
  const api = {
    send: async (options: SendOptions) => {
      await guardWrite(api as unknown as ApiClient, cfg, options);
      const line = `${options.method} ${options.path}`;
      sent.push(line);
      const answer = (status: number, data: unknown) => ({
        request: { method: options.method, path: options.path, headers: {} },
        response: { status, headers: {}, bodyText: '', json: { data } },
        version: options.version ?? null,
        mode: options.mode,
        operation: options.operation,
        resource: options.resource,
        durationMs: 1,
      });
      if (failAt?.what.test(line)) return answer(failAt.status, null);
      if (options.method === 'GET') return answer(200, { id: ORG, name });
      if (line === 'POST /api/organizations') {
        name = (options.body as { name: string }).name;
        return answer(200, { id: ORG, name });
      }
      if (line.endsWith('/users')) return answer(200, { id: USER });
      if (line.endsWith('/keys')) return answer(200, { value: KEY });
      return answer(200, {});
    },
  };
  return { api: api as unknown as ApiClient, sent, ORG, USER };
}

function forget(runId: string): void {
  removeMadeKey(runId);
  rmSync(runStateDir(runId), { recursive: true, force: true });
  rmSync(ledgerPath(runId), { force: true });
}

test('makes an organization, a user in it and its key, keeps the key 0600 outside the outputs, and removes the user before the organization', async () => {
  const runId = `unit-made-${process.pid}`;
  const cfg = config(runId);
  const { api, sent, ORG, USER } = scripted(cfg);
  try {
    const outcome = await makeCredentials(api, cfg);
    expect(outcome).toEqual({
      made: {
        organizationId: ORG,
        organizationName: expect.stringMatching(new RegExp(`^conformance-${runId}-api-key-`)),
        userId: USER,
        email: expect.stringMatching(
          new RegExp(`^conformance-${runId}-api-key-[0-9a-f]{8}@example\\.com$`),
        ),
      },
    });
    expect(readMadeKey(runId)).toBe(KEY);
    expect(statSync(madeKeyPath(runId)).mode & 0o777).toBe(0o600);
    expect(madeKeyPath(runId)).not.toMatch(/reports|allure-results|test-results/);
    // The outcome the workers read holds no key.
    expect(JSON.stringify(readMadeOutcome(runId))).not.toContain(KEY);

    await removeMadeCredentials(api, cfg);
    const writes = sent.filter((line) => !line.startsWith('GET'));
    expect(writes).toEqual([
      'POST /api/organizations',
      `POST /api/organizations/${ORG}/users`,
      `POST /api/organizations/${ORG}/users/${USER}/keys`,
      `DELETE /api/organizations/${ORG}/users/${USER}`,
      `DELETE /api/organizations/${ORG}`,
    ]);
    const record = readLedger(ledgerPath(runId));
    expect(record?.ids.get(ORG)?.removed).toBe(true);
    expect(record?.users.get(USER)).toEqual({
      organizationId: ORG,
      name: (outcome as { made: { email: string } }).made.email,
      removed: true,
    });
    // The guard let these through because the organization is the run's; another is refused.
    await expect(
      guardWrite(api, cfg, {
        method: 'POST',
        path: `/api/organizations/${OTHER}/users`,
        mode: 'partner',
      }),
    ).rejects.toThrow(WriteRefused);
  } finally {
    forget(runId);
  }
});

for (const [step, what, pattern, undone] of [
  [
    'organization',
    'creating the organization (POST /api/organizations)',
    /^POST \/api\/organizations$/,
    0,
  ],
  ['user', 'creating the user (POST /api/organizations/{org_id}/users)', /\/users$/, 1],
  [
    'key',
    "issuing the user's API key (POST /api/organizations/{org_id}/users/{id}/keys)",
    /\/keys$/,
    2,
  ],
] as const) {
  test(`the ${step} step answered 403: nothing is kept, what was made is removed, and the reason names the step and status`, async () => {
    const runId = `unit-unmade-${step}-${process.pid}`;
    const cfg = config(runId);
    const { api, sent, ORG, USER } = scripted(cfg, { what: pattern, status: 403 });
    try {
      const outcome = await makeCredentials(api, cfg);
      expect(outcome).toEqual({ unmade: `${what} answered HTTP 403` });
      expect(readMadeKey(runId)).toBeUndefined();
      const removals = sent.filter((line) => line.startsWith('DELETE'));
      expect(removals).toEqual(
        [
          `DELETE /api/organizations/${ORG}/users/${USER}`,
          `DELETE /api/organizations/${ORG}`,
        ].slice(2 - undone),
      );
    } finally {
      forget(runId);
    }
  });
}

test('nothing is made with a configured API key, or with writes not allowed (the reason says what to set)', async () => {
  const runId = `unit-nothing-${process.pid}`;
  try {
    const configured = config(runId, { POLYTOMIC_API_KEY: 'unit-configured-key-9' });
    const first = scripted(configured);
    expect(await makeCredentials(first.api, configured)).toBeUndefined();
    expect(first.sent).toEqual([]);

    const readOnly = config(runId, { POLYTOMIC_ALLOW_WRITES: 'false' });
    const second = scripted(readOnly);
    expect(await makeCredentials(second.api, readOnly)).toEqual({
      unmade: expect.stringContaining('set POLYTOMIC_ALLOW_WRITES=true or POLYTOMIC_API_KEY'),
    });
    expect(second.sent).toEqual([]);
  } finally {
    forget(runId);
  }
});

import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { expect, test } from '@playwright/test';
import { parseConfig } from '../../harness/config/env';
import { runPrefix } from '../../harness/config/run';
import type { ApiClient, SendOptions } from '../../harness/http/client';
import { discoverKeyReach, findKeyReach, keyReachPath } from '../../harness/judge/key-reach';

const OWNER = '00000000-0000-4000-8000-000000000001';
const SEED = '00000000-0000-4000-8000-000000000002';
const MADE = '00000000-0000-4000-8000-000000000003';
const LEFTOVER = '00000000-0000-4000-8000-000000000004';

/** A target that answers /api/me with the owner and lists harness-made organizations first. */
function fakeApi(): { api: ApiClient; sent: SendOptions[] } {
  const sent: SendOptions[] = [];
  const api = {
    version: '2025-09-18',
    async send(request: SendOptions) {
      sent.push(request);
      const json =
        request.path === '/api/me'
          ? { data: { organization_id: OWNER } }
          : {
              data: [
                { id: MADE, name: `${runPrefix('this-run')}lifecycle-1a2b3c4d` },
                { id: LEFTOVER, name: `${runPrefix('20250101t000000-abcdef')}auth-9f8e7d6c` },
                { id: OWNER, name: 'Owner' },
                { id: SEED, name: 'Seed child' },
              ],
            };
      return { request, response: { status: 200, headers: {}, bodyText: '', json } };
    },
  } as unknown as ApiClient;
  return { api, sent };
}

test('the organization acted as is never one a run of the harness made', async () => {
  const { api } = fakeApi();
  const reach = await findKeyReach(api, parseConfig({}));
  expect(reach.partnerOwnerId).toBe(OWNER);
  expect(reach.actAsId).toBe(SEED);
  expect(reach.partnerOrganizationIds).toEqual([OWNER, SEED]);
});

test('a run finds what its keys reach once; its later workers read it, another run finds its own', async () => {
  const config = parseConfig({ POLYTOMIC_RUN_ID: `unit-key-reach-${process.pid}` });
  const runner = 4242;
  try {
    const first = fakeApi();
    const found = await discoverKeyReach(first.api, config, runner);
    expect(first.sent.length).toBeGreaterThan(0);

    const later = fakeApi();
    expect(await discoverKeyReach(later.api, config, runner)).toEqual(found);
    expect(later.sent).toEqual([]);

    const other = fakeApi();
    await discoverKeyReach(other.api, config, runner + 1);
    expect(other.sent.length).toBe(first.sent.length);
  } finally {
    rmSync(dirname(keyReachPath(config.runId, runner)), { recursive: true, force: true });
  }
});

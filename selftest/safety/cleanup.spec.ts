import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { REFERENCE_KEYS } from '../../contract/reference';
import { CURRENT_VERSION } from '../../contract/versions';
import { runPrefix } from '../../harness/config/run';
import { Ledger, readLedger } from '../../harness/safety/ledger';
import { startReferenceServer } from '../../reference/server';
import { run, seconds, start, targetEnv, workspace } from './helpers';

/**
 * A run killed mid-way (no teardown at all) leaves a ledger, and `npm run
 * cleanup` removes exactly what that run left — nothing that existed before,
 * nothing another run or a person made, nothing renamed away from the prefix.
 */
const VERSION = CURRENT_VERSION;

async function api(url: string, method: string, path: string, body?: unknown) {
  const response = await fetch(url + path, {
    method,
    headers: {
      authorization: `Bearer ${REFERENCE_KEYS.partnerKey}`,
      'x-polytomic-version': VERSION,
      'content-type': 'application/json',
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return (await response.json()) as { data: { id: string; name: string } };
}

test('a run SIGKILLed during the lifecycle tests leaves a ledger from which cleanup removes exactly the leftovers', async () => {
  test.setTimeout(240_000);
  // Latency keeps each lifecycle test's organizations alive long enough to be caught by the kill.
  const reference = await startReferenceServer({ port: 0, latencyMs: 150 });
  const ws = workspace();
  try {
    const seeded = reference.organizationNames();
    const env = targetEnv(reference.url, undefined, {
      POLYTOMIC_ALLOW_WRITES: 'true',
      POLYTOMIC_RUN_ID: 'killed-run',
    });
    const args = ['playwright', 'test', `--project=${VERSION}`, 'tests/lifecycle.spec.ts'];
    const suite = start('npx', [...args, '--reporter=dot'], {
      cwd: ws.dir,
      env,
      timeoutMs: 180_000,
    });
    const ledger = join(ws.dir, 'reports', 'ledger', 'killed-run.jsonl');
    // Kill while organizations are alive: created but not yet removed by their test's teardown.
    const alive = () => {
      if (!existsSync(ledger)) return 0;
      const text = readFileSync(ledger, 'utf8');
      return text.split('"event":"created"').length - text.split('"event":"removed"').length;
    };
    await expect.poll(alive, { timeout: 150_000, intervals: [20] }).toBeGreaterThanOrEqual(2);
    suite.kill();
    const killed = await suite.done;
    expect(killed.signal).toBe('SIGKILL');

    const leftovers = reference.organizationNames().filter((name) => !seeded.includes(name));
    console.log(
      `killed after ${seconds(killed.ms)}; ${leftovers.length} organizations left behind`,
    );
    expect(leftovers.length).toBeGreaterThan(0);
    expect(leftovers.every((name) => name.startsWith(runPrefix('killed-run')))).toBe(true);

    const dry = await run('npm', ['run', '--silent', 'cleanup', '--', '--dry-run'], {
      cwd: ws.dir,
      env,
      timeoutMs: 60_000,
    });
    expect(dry.code).toBe(0);
    for (const name of leftovers) expect(dry.stdout).toContain(name);
    expect(dry.stdout).toContain('Dry run: nothing deleted.');
    expect(reference.organizationNames().length).toBe(seeded.length + leftovers.length);

    // The killed run's processes are gone, so no --force is needed.
    const cleanup = await run('npm', ['run', '--silent', 'cleanup'], {
      cwd: ws.dir,
      env,
      timeoutMs: 60_000,
    });
    console.log(cleanup.stdout);
    expect(cleanup.code).toBe(0);
    expect(cleanup.stdout).toContain(`Deleted ${leftovers.length} organization(s).`);
    expect(reference.organizationNames().sort()).toEqual([...seeded].sort());
    expect(`${cleanup.stdout}${cleanup.stderr}`).not.toContain(REFERENCE_KEYS.partnerKey);

    const again = await run('npm', ['run', '--silent', 'cleanup'], {
      cwd: ws.dir,
      env,
      timeoutMs: 60_000,
    });
    expect(again.stdout).toContain('No open ledger for a deployment: nothing to clean up.');
  } finally {
    await reference.close();
    ws.remove();
  }
});

test('cleanup deletes only what a ledger recorded and still carries its run prefix', async () => {
  test.setTimeout(120_000);
  const reference = await startReferenceServer({ port: 0 });
  const ws = workspace();
  try {
    const url = reference.url;
    const prefix = runPrefix('crafted-run');
    const ledger = new Ledger(
      { runId: 'crafted-run', targetUrl: url, bundled: false },
      join(ws.dir, 'reports', 'ledger'),
    );
    // Recorded with its id: deleted.
    ledger.write({ event: 'intent', name: `${prefix}recorded` });
    const recorded = await api(url, 'POST', '/api/organizations', { name: `${prefix}recorded` });
    ledger.write({ event: 'created', id: recorded.data.id, credential: 'partner' });
    // Its user, recorded: removed before it (off the bundled server the organization's removal may not).
    const email = 'conformance-crafted-run-1@example.com';
    const user = await api(url, 'POST', `/api/organizations/${recorded.data.id}/users`, { email });
    ledger.write({
      event: 'created-user',
      id: user.data.id,
      organization: recorded.data.id,
      email,
      credential: 'partner',
    });
    // Killed between the create and the id line: found by its exact name, deleted.
    ledger.write({ event: 'intent', name: `${prefix}no-id-yet` });
    await api(url, 'POST', '/api/organizations', { name: `${prefix}no-id-yet` });
    // Recorded, but since renamed by someone: no longer the harness's, kept.
    const renamed = await api(url, 'POST', '/api/organizations', { name: `${prefix}renamed` });
    ledger.write({ event: 'created', id: renamed.data.id, credential: 'partner' });
    await api(url, 'PUT', `/api/organizations/${renamed.data.id}`, {
      name: 'Customer Org (renamed)',
    });
    // Carries the prefix but no ledger line names it: kept.
    await api(url, 'POST', '/api/organizations', { name: `${prefix}not-in-ledger` });
    // Another target's ledger: skipped, not even listed.
    new Ledger(
      { runId: 'elsewhere-run', targetUrl: 'https://other.example.com', bundled: false },
      join(ws.dir, 'reports', 'ledger'),
    ).write({ event: 'intent', name: `${runPrefix('elsewhere-run')}x` });

    const before = reference.organizationNames();
    const env = targetEnv(url);
    const options = { cwd: ws.dir, env, timeoutMs: 60_000 };
    // This very process wrote the ledger and is alive: a run still going is left alone…
    const running = await run('npm', ['run', '--silent', 'cleanup'], options);
    expect(running.stdout).toContain(`its run is still going (process ${process.pid})`);
    expect(reference.organizationNames()).toEqual(before);
    // … unless the person running cleanup knows better.
    const cleanup = await run('npm', ['run', '--silent', 'cleanup', '--', '--force'], options);
    console.log(cleanup.stdout);
    expect(cleanup.code).toBe(0);
    expect(cleanup.stdout).toContain('Deleted 2 organization(s).');
    const lines = cleanup.stdout.split('\n');
    const userLine = lines.findIndex((line) => line.includes(`deleted: user ${user.data.id}`));
    const organizationLine = lines.findIndex((line) =>
      line.includes(`deleted: ${recorded.data.id}  ${prefix}recorded`),
    );
    expect(userLine).toBeGreaterThanOrEqual(0);
    expect(organizationLine).toBeGreaterThan(userLine);
    expect(cleanup.stdout).toContain('recorded against https://other.example.com');
    const gone = before.filter((name) => !reference.organizationNames().includes(name)).sort();
    expect(gone).toEqual([`${prefix}no-id-yet`, `${prefix}recorded`]);
    expect(reference.organizationNames()).toContain('Customer Org (renamed)');
    expect(reference.organizationNames()).toContain(`${prefix}not-in-ledger`);
    expect(readLedger(ledger.path)?.done).toBe(true);
    expect(readLedger(ledger.path)?.users.get(user.data.id)).toEqual({
      organizationId: recorded.data.id,
      name: email,
      removed: true,
    });
  } finally {
    await reference.close();
    ws.remove();
  }
});

test('cleanup removes the user a run made for its API key, before that user’s organization', async () => {
  test.setTimeout(120_000);
  const reference = await startReferenceServer({ port: 0 });
  const ws = workspace();
  try {
    const url = reference.url;
    const prefix = runPrefix('made-key-run');
    const ledger = new Ledger(
      { runId: 'made-key-run', targetUrl: url, bundled: false },
      join(ws.dir, 'reports', 'ledger'),
    );
    // What harness/resources/made-credentials.ts records, killed before its teardown.
    const name = `${prefix}api-key-0000`;
    ledger.write({ event: 'intent', name });
    const organization = await api(url, 'POST', '/api/organizations', { name });
    const organizationId = organization.data.id as string;
    ledger.write({ event: 'created', id: organizationId, name, credential: 'partner' });
    const email = `${prefix}api-key-0000@example.com`;
    const user = await api(url, 'POST', `/api/organizations/${organizationId}/users`, { email });
    const userId = user.data.id as string;
    ledger.write({
      event: 'created-user',
      id: userId,
      organization: organizationId,
      email,
      credential: 'partner',
    });

    const cleanup = await run('npm', ['run', '--silent', 'cleanup', '--', '--force'], {
      cwd: ws.dir,
      env: targetEnv(url),
      timeoutMs: 60_000,
    });
    console.log(cleanup.stdout);
    expect(cleanup.code).toBe(0);
    const lines = cleanup.stdout.split('\n');
    const userLine = lines.findIndex((line) => line.includes(`deleted: user ${userId}`));
    const organizationLine = lines.findIndex((line) => line.includes(`deleted: ${organizationId}`));
    expect(userLine).toBeGreaterThanOrEqual(0);
    expect(organizationLine).toBeGreaterThan(userLine);
    expect(reference.organizationNames()).not.toContain(name);
    const record = readLedger(ledger.path);
    expect(record?.users.get(userId)?.removed).toBe(true);
    expect(record?.done).toBe(true);
  } finally {
    await reference.close();
    ws.remove();
  }
});

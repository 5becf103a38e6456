import { endpoint, label } from '../contract/endpoints';
import { test } from '../harness/fixtures';
import { pathFor, randomId } from '../harness/requests';

/**
 * One of each documented error, so each version's error shape is shown in the
 * report under its own heading. Every error of every spec is held to the same
 * checks (error_schema, error_status_field, error_no_internals, the version header).
 */
test.describe('error-body', () => {
  test('400 · unsupported version', async ({ api, needs }) => {
    needs('partner');
    const row = endpoint(api.version, 'list');
    await api.endpoint(label(row));
    await api.check(
      {
        method: row.method,
        path: row.path,
        operation: 'list',
        mode: 'partner',
        version: '1999-01-01',
      },
      { rule: 'unsupported_version', statuses: [400], why: 'an unknown version' },
    );
  });

  test('401 · a credential sent with an unknown scheme is not echoed', async ({ api }) => {
    const row = endpoint(api.version, 'identity');
    await api.endpoint(label(row));
    const key = api.config.keys.partner ?? api.config.keys.apiKey ?? 'conformance-placeholder-key';
    await api.check(
      {
        method: row.method,
        path: row.path,
        operation: 'identity',
        mode: 'custom',
        authorization: `Token ${key}`,
      },
      { rule: 'auth_required', statuses: [401], why: 'an unknown scheme' },
    );
  });

  test('403 · API key on a partner-only endpoint', async ({ api, needs }) => {
    needs('apiKey');
    const row = endpoint(api.version, 'list');
    await api.endpoint(label(row));
    await api.check(
      { method: row.method, path: row.path, operation: 'list', mode: 'apiKey' },
      { rule: 'auth_scope', statuses: [403], why: 'API key on a partner-only endpoint' },
    );
  });

  test('404 · a never-issued id', async ({ api, needs }) => {
    needs('partner');
    const row = endpoint(api.version, 'get');
    await api.endpoint(label(row));
    await api.check(
      { method: row.method, path: pathFor(row, randomId()), operation: 'get', mode: 'partner' },
      { rule: 'not_found', statuses: [404], why: 'a random v4 UUID' },
    );
  });

  test('409 and 422 · duplicate and missing name', async ({
    api,
    organizations,
    needs,
    needsWrites,
  }) => {
    needs('partner');
    needsWrites();
    const row = endpoint(api.version, 'create');
    await api.endpoint(label(row));
    const { body } = await organizations.create();
    await api.check(
      {
        method: row.method,
        path: row.path,
        operation: 'create',
        mode: 'partner',
        body: { name: body.name },
      },
      { rule: 'duplicate_name_conflict', statuses: [409], why: 'the name is taken' },
    );
    await api.check(
      { method: row.method, path: row.path, operation: 'create', mode: 'partner', body: {} },
      { rule: 'name_required', statuses: [422], why: 'no name' },
    );
  });
});

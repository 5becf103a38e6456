import {
  MISSING_NAME_TOLERATED,
  SCOPE_BEFORE_LOOKUP_TOLERATED,
  UNSUPPORTED_VERSION_STATUSES,
} from '../contract/decisions';
import { test } from '../harness/fixtures';
import { randomId } from '../harness/http/requests';
import { endpointLabels, family, UNAUTHENTICATED } from '../harness/report/test-identity';

/**
 * One of each documented error, so each version's error shape is shown in the
 * report under its own heading. Every error of every spec is held to the same
 * checks (error_schema, error_status_field, error_no_internals, the version header).
 */
test.describe('error-body', family('error-body'), () => {
  test('400 · unsupported version', {
    annotation: endpointLabels('GET /api/organizations', 'partner'),
  }, async ({ api, needs }) => {
    needs('partner');
    await api.about('list');
    await api.check(api.to('list', { mode: 'partner', version: '1999-01-01' }), {
      rule: 'unsupported_version',
      statuses: UNSUPPORTED_VERSION_STATUSES,
      why: 'an unknown version',
    });
  });

  test('401 · a credential sent with an unknown scheme is not echoed', {
    annotation: endpointLabels('GET /api/me', UNAUTHENTICATED),
  }, async ({ api }) => {
    await api.about('identity');
    const key = api.config.keys.partner ?? api.config.keys.apiKey ?? 'conformance-placeholder-key';
    await api.check(api.to('identity', { mode: 'custom', authorization: `Token ${key}` }), {
      rule: 'auth_required',
      statuses: [401],
      why: 'an unknown scheme',
    });
  });

  test('403 · API key on a partner-only endpoint', {
    annotation: endpointLabels('GET /api/organizations/{id}', 'apiKey'),
  }, async ({ api, needs }) => {
    needs('apiKey');
    await api.about('get');
    await api.check(api.to('get', { id: randomId(), mode: 'apiKey' }), {
      rule: 'auth_scope',
      statuses: [403],
      tolerated: SCOPE_BEFORE_LOOKUP_TOLERATED,
      why: 'API key on a partner-only endpoint',
    });
  });

  test('404 · a never-issued id', {
    annotation: endpointLabels('GET /api/organizations/{id}', 'partner'),
  }, async ({ api, needs }) => {
    needs('partner');
    await api.about('get');
    await api.check(api.to('get', { id: randomId(), mode: 'partner' }), {
      rule: 'not_found',
      statuses: [404],
      why: 'a random v4 UUID',
    });
  });

  test('409 and 422 · duplicate and missing name', {
    annotation: endpointLabels('POST /api/organizations', 'partner'),
  }, async ({ api, organizations, needs, needsWrites }) => {
    needs('partner');
    needsWrites();
    await api.about('create');
    const { body } = await organizations.create();
    await api.check(api.to('create', { mode: 'partner', body: { name: body.name } }), {
      rule: 'duplicate_name_conflict',
      statuses: [409],
      why: 'the name is taken',
    });
    await api.check(api.to('create', { mode: 'partner', body: {} }), {
      rule: 'name_required',
      statuses: [422],
      tolerated: MISSING_NAME_TOLERATED,
      why: 'no name',
    });
  });
});

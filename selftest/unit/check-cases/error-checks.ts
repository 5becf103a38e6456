import { LEGACY_VERSION } from '../../../contract/versions';
import { apiError, CURRENT, exchange, ORG_ID } from '../exchanges';
import type { CheckCase } from './case';

/** A key as the fixtures register it; the violation text must never show it. */
const SENT_KEY = 'pk-live-Xq7Rt2Lm9Vb4Nc8Zs1';

const notFound = () => apiError(404, 'Organization not found.', 'not_found');

/** An error to a request without the header, served as 2021-05-23 (the legacy default). */
const legacyServed = (answer: { readonly body?: unknown; readonly bodyText?: string }) =>
  exchange({
    version: null,
    status: 404,
    ...answer,
    headers: { 'x-polytomic-version': LEGACY_VERSION },
  });
const LEGACY_REST_ERR = {
  error: 'Organization not found.',
  status: 'Not Found',
  code: 404,
  context: {},
};
const ASSUMED = `served as ${LEGACY_VERSION}, which has no published schemas`;

/** The response checks that judge error bodies (status 400 and above). */
export const ERROR_CHECK_CASES: Readonly<Record<string, CheckCase>> = {
  error_schema: {
    clean: [
      {
        label: `a RestErrResponse served as ${LEGACY_VERSION}, judged as the oldest version`,
        exchange: legacyServed({ body: LEGACY_REST_ERR }),
        defaultVersion: null,
      },
      { label: 'a 2025-09-18 error', exchange: exchange({ status: 404, body: notFound() }) },
      {
        label: 'a 2024-02-08 error',
        exchange: exchange({
          version: '2024-02-08',
          status: 404,
          body: { message: 'Organization not found.', status: 404 },
        }),
      },
      {
        label: 'the older RestErrResponse in 2022-12-12',
        exchange: exchange({
          version: '2022-12-12',
          status: 404,
          body: { error: 'Organization not found.', status: 'Not Found', code: 404, context: {} },
        }),
      },
      {
        label: 'the legacy error in 2023-04-25',
        exchange: exchange({
          version: '2023-04-25',
          status: 401,
          body: { error: { message: 'unauthorized' } },
        }),
      },
      {
        label: "the 2023 Go client's error in 2023-04-25",
        exchange: exchange({
          version: '2023-04-25',
          status: 404,
          body: { message: 'Organization not found.', status_code: 404, metadata: {} },
        }),
      },
      {
        label: 'a RestErrResponse 401 in 2024-02-08 (SDK-1.18, GO-2024)',
        exchange: exchange({
          version: '2024-02-08',
          status: 401,
          mode: 'none',
          body: { error: 'unauthorized', status: 'Unauthorized', code: 401, context: {} },
        }),
      },
    ],
    bad: [
      {
        label: `the older RestErrResponse in ${CURRENT}: status as text`,
        exchange: exchange({
          status: 404,
          body: { error: 'Organization not found.', status: 'Not Found', code: 404, context: {} },
        }),
        received: '/status (type)',
        documented: `a JSON error body matching ${CURRENT}/error`,
      },
      {
        label: 'a RestErrResponse for a 404 in 2024-02-08 (only its 401s may be one)',
        exchange: exchange({
          version: '2024-02-08',
          status: 404,
          body: { error: 'Organization not found.', status: 'Not Found', code: 404, context: {} },
        }),
        received: '/status (type)',
        documented: 'a JSON error body matching 2024-02-08/error',
      },
      {
        label: 'a 401 in 2024-02-08 that is neither shape',
        exchange: exchange({
          version: '2024-02-08',
          status: 401,
          mode: 'none',
          body: { error: 401, status: 'Unauthorized' },
        }),
        received: '/error (type)',
        documented: 'a JSON error body matching 2024-02-08/error.401',
      },
      {
        label: `a plain-text 404 served as ${LEGACY_VERSION}: a warning, its schemas are assumed`,
        exchange: legacyServed({ bodyText: 'Not Found' }),
        defaultVersion: null,
        received: 'a body that is not JSON: "Not Found"',
        documented: ASSUMED,
        level: 'decision',
      },
      {
        label:
          'a RestErrResponse served as 2021-05-23 where POLYTOMIC_DEFAULT_VERSION is the current',
        exchange: legacyServed({ body: LEGACY_REST_ERR }),
        received: '/status (type)',
        documented: `a JSON error body matching ${CURRENT}/error`,
      },
      {
        label: 'an empty 500',
        exchange: exchange({ status: 500 }),
        received: 'an empty body',
        documented: `a JSON error body matching ${CURRENT}/error`,
      },
      {
        label: 'a plain-text 401',
        exchange: exchange({ status: 401, mode: 'none', bodyText: 'Unauthorized' }),
        received: 'a body that is not JSON: "Unauthorized"',
        documented: `a JSON error body matching ${CURRENT}/error.401`,
      },
      {
        label: 'a JSON string for an error',
        exchange: exchange({ status: 404, body: 'Organization not found.' }),
        received: '(root) (type)',
        documented: `a JSON error body matching ${CURRENT}/error`,
      },
    ],
  },
  error_status_field: {
    clean: [
      {
        label: 'status equal to the HTTP status',
        exchange: exchange({ status: 404, body: notFound() }),
      },
      {
        label: 'the older status text',
        exchange: exchange({
          version: '2022-12-12',
          status: 409,
          body: { error: 'name taken', status: 'Conflict', code: 409, context: {} },
        }),
      },
      {
        label: 'no status field',
        exchange: exchange({ status: 409, body: { message: 'name taken' } }),
      },
    ],
    bad: [
      {
        label: 'a 404 whose body says 500',
        exchange: exchange({ status: 404, body: apiError(500, 'Organization not found.') }),
        received: '"status": 500 in the body of a 404',
        documented: '"status": 404',
      },
    ],
  },
  error_message: {
    clean: [
      {
        label: 'a message saying what went wrong',
        exchange: exchange({ status: 404, body: notFound() }),
      },
      {
        label: `a legacy error served as ${LEGACY_VERSION}, judged as the oldest version`,
        exchange: legacyServed({ body: { error: { message: 'Organization not found.' } } }),
        defaultVersion: null,
      },
      {
        label: 'an older version, whose error shape has no message',
        exchange: exchange({
          version: '2022-12-12',
          status: 409,
          body: { error: 'name taken', status: 'Conflict', code: 409, context: {} },
        }),
      },
      {
        label: 'a RestErrResponse 401 in 2024-02-08, which says it in `error`',
        exchange: exchange({
          version: '2024-02-08',
          status: 401,
          mode: 'none',
          body: { error: 'unauthorized', status: 'Unauthorized', code: 401, context: {} },
        }),
      },
    ],
    bad: [
      {
        label: 'an ApiError with no message',
        exchange: exchange({ status: 404, body: { status: 404, key: 'not_found' } }),
        received: 'no "message" in the body of a 404',
        documented: 'a "message" saying what went wrong',
      },
      {
        label: 'an empty message',
        exchange: exchange({ status: 422, body: { message: ' ', status: 422 } }),
        received: '"message": " " in the body of a 422',
        documented: 'a "message" saying what went wrong',
      },
      {
        label: 'a 2024-02-08 error with no message: a warning, error_schema takes it (SDK-1.18)',
        exchange: exchange({ version: '2024-02-08', status: 404, body: { status: 404 } }),
        received: 'no "message" in the body of a 404',
        documented: 'a "message" saying what went wrong',
      },
      {
        label: 'a 2024-02-08 401 of the message shape with no message',
        exchange: exchange({
          version: '2024-02-08',
          status: 401,
          mode: 'none',
          body: { status: 401 },
        }),
        received: 'no "message" in the body of a 401',
        documented: 'a "message" saying what went wrong',
      },
    ],
  },
  error_no_internals: {
    clean: [
      {
        label: 'a 403 in plain words',
        exchange: exchange({
          method: 'DELETE',
          status: 403,
          body: apiError(
            403,
            'Forbidden: partner callers cannot delete their own owner organization.',
          ),
        }),
      },
      {
        label: 'a 401 that names no credential',
        exchange: exchange({
          status: 401,
          body: apiError(401, 'Unauthorized: unknown credential.'),
        }),
        secrets: [SENT_KEY],
      },
      {
        label: 'a 404 naming the path',
        exchange: exchange({
          status: 404,
          body: apiError(404, `/api/organizations/${ORG_ID} not found.`),
        }),
      },
    ],
    bad: [
      {
        label: 'a Go panic with its goroutine and file:line',
        exchange: exchange({
          status: 500,
          body: apiError(
            500,
            'panic: runtime error: invalid memory address\n\ngoroutine 42 [running]:\n\t/app/store.go:118',
          ),
        }),
        received: '"panic:"',
        documented: 'an error body without internal detail',
      },
      {
        label: 'a Postgres error',
        exchange: exchange({
          status: 500,
          body: apiError(500, 'pq: duplicate key value violates unique constraint "orgs_name_key"'),
        }),
        received: '"pq: "',
        documented: 'an error body without internal detail',
      },
      {
        label: 'the key that was sent, echoed',
        exchange: exchange({
          status: 401,
          mode: 'custom',
          body: apiError(401, `Unauthorized: unknown token ${SENT_KEY}.`),
        }),
        secrets: [SENT_KEY],
        received: 'the credential that was sent',
        documented: 'an error body without internal detail',
      },
    ],
  },
};

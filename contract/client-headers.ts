/**
 * What Polytomic's TypeScript SDK sends on every request besides Authorization,
 * X-Polytomic-Version and the body's Content-Type, so that a deployment which routes,
 * logs or rate-limits on them answers the harness as it answers the SDK.
 *
 * Source: npm `polytomic` 1.18.1 (SDK-1.18): each method of api/resources/x/client/Client.js
 * sets `X-Fern-Language: JavaScript`, `X-Fern-SDK-Name: polytomic`, `X-Fern-SDK-Version:
 * 1.18.1`, `X-Fern-Runtime: core.RUNTIME.type` and `X-Fern-Runtime-Version:
 * core.RUNTIME.version` (in Node.js `node` and `process.versions.node`,
 * core/runtime/runtime.js). The SDK sets no User-Agent: in Node.js it always sends with
 * node-fetch 2.7.0 (core/fetcher/Fetcher.js, getFetchFn), which adds its own.
 * The harness keeps its own `Accept: application/json` and `Accept-Encoding: identity` (its
 * body cap, harness/http/wire.ts); node-fetch's Accept and its gzip are not copied.
 */
export const SDK_HEADERS: Readonly<Record<string, string>> = {
  'x-fern-language': 'JavaScript',
  'x-fern-sdk-name': 'polytomic',
  'x-fern-sdk-version': '1.18.1',
  'x-fern-runtime': 'node',
  'x-fern-runtime-version': process.versions.node,
  'user-agent': 'node-fetch/1.0 (+https://github.com/bitinn/node-fetch)',
};

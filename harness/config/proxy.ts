import { ConfigError, type Env, value } from './variables';

/** The proxy to the target, from HTTPS_PROXY / HTTP_PROXY and NO_PROXY as curl reads them. */
export interface ProxySettings {
  /** scheme://host:port, without credentials. */
  readonly server: string;
  readonly username?: string;
  readonly password?: string;
}

/** The usual proxy variables, upper or lower case, as curl reads them. */
export function parseProxy(env: Env, targetUrl: string): ProxySettings | undefined {
  const target = new URL(targetUrl);
  const names =
    target.protocol === 'https:' ? ['HTTPS_PROXY', 'https_proxy'] : ['HTTP_PROXY', 'http_proxy'];
  const name = names.find((candidate) => value(env, candidate) !== undefined);
  if (name === undefined || bypassesProxy(env, target.hostname)) return undefined;
  const raw = value(env, name) as string;
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `http://${raw}`);
  } catch {
    throw new ConfigError(`${name} is not a valid proxy URL; expected e.g. http://proxy:3128.`);
  }
  if (url.protocol !== 'http:') {
    throw new ConfigError(
      `${name} must be an http:// proxy, not ${url.protocol.replace(':', '')}.`,
    );
  }
  return {
    server: `${url.protocol}//${url.host}`,
    username: url.username ? decodeURIComponent(url.username) : undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
  };
}

function bypassesProxy(env: Env, host: string): boolean {
  const entries = (value(env, 'NO_PROXY') ?? value(env, 'no_proxy') ?? '')
    .split(',')
    .map((entry) => entry.trim().toLowerCase().replace(/:\d+$/, ''))
    .filter(Boolean);
  const name = host.toLowerCase().replace(/^\[|\]$/g, '');
  return entries.some(
    (entry) =>
      entry === '*' ||
      name === entry.replace(/^\./, '') ||
      name.endsWith(`.${entry.replace(/^\./, '')}`),
  );
}

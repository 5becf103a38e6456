/** Reading one variable of the environment: what every parser of harness/config/ shares. */
export type Env = Readonly<Record<string, string | undefined>>;

/** A misconfiguration, told in one sentence that names the variable. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** A variable's value, trimmed; undefined when unset or blank. */
export function value(env: Env, name: string): string | undefined {
  const raw = env[name];
  return raw === undefined || raw.trim() === '' ? undefined : raw.trim();
}

import { escapableForms, escapedFormPattern, mayHoldEscapes, secretForms } from './secret-forms';

/**
 * Redaction by value: every configured key, every Authorization value the
 * harness builds (Basic forms embed an organization id, so they are registered
 * as they are made), and the token part of any Authorization header seen in text.
 * Each of its forms (secret-forms.ts) is masked, and one echoed `\u`-escaped or
 * percent-encoded, in any mix.
 */
const MASK = '«redacted»';
const secrets = new Set<string>();
/** Each value's escaped-form pattern, compiled the first time a text may hold one. */
const escapedForms = new Map<string, RegExp | undefined>();
/** The values given to registerSecret, each of whose forms is in `secrets`. */
const registered = new Set<string>();

/** Shorter strings would mask ordinary words; real keys are far longer. */
const MIN_SECRET_LENGTH = 6;

/** The registered values, longest first: sorted again only when one is added. */
let sorted: string[] | undefined;

export function registerSecret(value: string | undefined): void {
  if (!value || value.length < MIN_SECRET_LENGTH) return;
  if (registered.has(value)) return;
  registered.add(value);
  sorted = undefined;
  // Every form the leak scan searches for (secret-forms.ts): what it would find is masked.
  for (const { text } of secretForms(value)) secrets.add(text);
  // Compiled on first need: a run registers hundreds of values (each Basic form embeds an
  // organization id), and few texts may hold an escape at all.
  for (const { text } of escapableForms(value)) {
    if (!escapedForms.has(text)) escapedForms.set(text, undefined);
  }
}

/** The registered secret values, longest first (so a Basic form is masked whole). */
export function secretValues(): string[] {
  sorted ??= [...secrets].sort((a, b) => b.length - a.length);
  return [...sorted];
}

const AUTH_HEADER = /(authorization["']?\s*[:=]\s*["']?)(basic|bearer|token)?\s*[^\s"',}]+/gi;

export function redact(text: string): string {
  let out = text;
  // A test may register hundreds (each Basic form embeds an organization id): a search per
  // value is cheap, where one pattern of them all would be compiled again after each new one.
  for (const secret of sorted ?? secretValues()) {
    if (out.includes(secret)) out = out.split(secret).join(MASK);
  }
  if (mayHoldEscapes(out)) {
    for (const [form, compiled] of escapedForms) {
      const pattern = compiled ?? escapedFormPattern(form);
      if (!compiled) escapedForms.set(form, pattern);
      out = out.replace(pattern, MASK);
    }
  }
  return out.replace(AUTH_HEADER, (_match, prefix: string, scheme?: string) =>
    scheme ? `${prefix}${scheme} ${MASK}` : `${prefix}${MASK}`,
  );
}

/** Headers safe to show: Authorization masked whatever its value. */
export function redactHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (name.toLowerCase() === 'authorization') {
      const scheme = value.split(' ')[0];
      out[name] = value.includes(' ') ? `${scheme} ${MASK}` : MASK;
    } else {
      out[name] = redact(value);
    }
  }
  return out;
}

export const REDACTION_MASK = MASK;

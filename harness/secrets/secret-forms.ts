const b64 = (text: string) => Buffer.from(text).toString('base64');

/** One form a secret may take in text, and what it is called in a leak report. */
export interface SecretForm {
  readonly form: string;
  readonly text: string;
}

/**
 * The one list of the forms of a secret: redaction (harness/secrets/redact.ts) masks each of
 * them and the leak scan (scripts/lib/ops/leak-scan.ts) searches for each, so what the
 * scan would fail a run for is never left unmasked in the report.
 */
export function secretForms(value: string): readonly SecretForm[] {
  const forms: SecretForm[] = [
    { form: 'the key itself', text: value },
    { form: 'URL-encoded', text: encodeURIComponent(value) },
    { form: 'JSON-escaped', text: JSON.stringify(value).slice(1, -1) },
    { form: 'Basic base64("<key>:")', text: b64(`${value}:`) },
    { form: 'base64 of the key', text: b64(value) },
  ];
  return forms.filter((entry, at) => forms.findIndex((other) => other.text === entry.text) === at);
}

/** The forms also looked for with `\u` or %XX escapes in any mix (escapedFormPattern). */
export function escapableForms(value: string): readonly SecretForm[] {
  return [
    { form: 'with \\u or %XX escapes', text: value },
    { form: 'Basic base64("<key>:") with \\u or %XX escapes', text: b64(`${value}:`) },
  ];
}

/**
 * A secret as a target may echo it: each character as itself, as a JSON `\u`
 * escape (`\u0041`, any hex case) or percent-encoded (`%41`), in any mix — a
 * JSON encoder escaping every character, a URL encoder escaping some.
 */
export function escapedFormPattern(value: string, flags = 'g'): RegExp {
  const parts: string[] = [];
  for (const char of value) {
    const code = char.codePointAt(0) ?? 0;
    const literal = char.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
    if (code > 0xff) {
      parts.push(literal);
      continue;
    }
    const hex = code.toString(16).padStart(2, '0');
    const alternatives = [literal, `\\\\+u00${caseless(hex)}`, `%${caseless(hex)}`];
    if (char === '/') alternatives.push('\\\\+/');
    parts.push(`(?:${alternatives.join('|')})`);
  }
  return new RegExp(parts.join(''), flags);
}

/** Whether a text could hold an escaped form at all: the regex runs only then. */
export function mayHoldEscapes(text: string): boolean {
  return text.includes('%') || /\\u/i.test(text) || text.includes('\\/');
}

function caseless(hex: string): string {
  return [...hex]
    .map((digit) => (/[a-f]/.test(digit) ? `[${digit}${digit.toUpperCase()}]` : digit))
    .join('');
}

const patterns = new Map<string, RegExp>();

/** Whether a text holds a secret as is or in an escaped form. */
export function holdsSecret(text: string, secret: string): boolean {
  if (text.includes(secret)) return true;
  if (!mayHoldEscapes(text)) return false;
  let pattern = patterns.get(secret);
  if (!pattern) {
    pattern = escapedFormPattern(secret, '');
    patterns.set(secret, pattern);
  }
  return pattern.test(text);
}

/**
 * A secret as a target may echo it: each character as itself, as a JSON `\u`
 * escape (`\u0041`, any hex case) or percent-encoded (`%41`), in any mix — a
 * JSON encoder escaping every character, a URL encoder escaping some. Shared
 * by redaction (harness/safety/redact.ts) and the leak scan (scripts/lib/ops/leak-scan.ts),
 * so what one masks the other finds.
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

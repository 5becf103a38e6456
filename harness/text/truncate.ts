/**
 * The one way a long text is cut in a message, a label or a summary: its first
 * `max` characters and an ellipsis; with `count`, how long it was ("… (1234 chars)").
 */
export function truncate(text: string, max: number, count = false): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max)}…${count ? ` (${text.length} chars)` : ''}`;
}

/** JSON pointers and a walk over a schema or a body: what loading, explaining and collecting share. */
export function atPointer(root: unknown, pointer: string): unknown {
  if (pointer === '') return root;
  return pointer
    .slice(1)
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>(
      (value, segment) => (value as Record<string, unknown> | undefined)?.[segment],
      root,
    );
}

export function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

export function forEachObject(
  value: unknown,
  pointer: string,
  visit: (value: Record<string, unknown>, pointer: string) => void,
): void {
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) forEachObject(item, `${pointer}/${i}`, visit);
  } else if (isObject(value)) {
    visit(value, pointer);
    for (const [key, item] of Object.entries(value)) {
      forEachObject(item, `${pointer}/${escapePointer(key)}`, visit);
    }
  }
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

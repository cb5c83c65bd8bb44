/** JSON pointers (RFC 6901). */

export function encodePointer(segments: readonly (string | number)[]): string {
  return segments.map((s) => `/${String(s).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

export function decodePointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export function appendPointer(pointer: string, ...segments: (string | number)[]): string {
  return pointer + encodePointer(segments);
}

/** The value at `pointer`, or `undefined` when the path does not exist. */
export function getAtPointer(root: unknown, pointer: string): unknown {
  let node = root;
  for (const segment of decodePointer(pointer)) {
    if (Array.isArray(node)) node = node[Number(segment)];
    else if (isRecord(node) && Object.hasOwn(node, segment)) node = node[segment];
    else return undefined;
  }
  return node;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Visits every node of a JSON value with its pointer, parents before children. */
export function walk(root: unknown, visit: (node: unknown, pointer: string) => void, pointer = ''): void {
  visit(root, pointer);
  if (Array.isArray(root)) for (const [i, item] of root.entries()) walk(item, visit, appendPointer(pointer, i));
  else if (isRecord(root)) for (const [key, value] of Object.entries(root)) walk(value, visit, appendPointer(pointer, key));
}

/** The string at `value[key]`, or `""`. */
export function stringAt(value: unknown, key: string): string {
  const child = isRecord(value) ? value[key] : undefined;
  return typeof child === 'string' ? child : '';
}

/** The object at `value[key]`, or `{}`. */
export function recordAt(value: unknown, key: string): Record<string, unknown> {
  const child = isRecord(value) ? value[key] : undefined;
  return isRecord(child) ? child : {};
}

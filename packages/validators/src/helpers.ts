/**
 * The runtime helpers Ajv's standalone code calls, as ESM: Ajv ships them as CommonJS (`require`), which an
 * ESM package cannot load the same way in every runtime. Same algorithms as ajv/dist/runtime, plus the two length
 * comparisons the generator rewrites `ucs2length(x) > n` and `ucs2length(x) < n` into.
 */

/** Length in Unicode code points, as JSON Schema's `minLength`/`maxLength` count it (a surrogate pair is one). */
export function ucs2length(text: string): number {
  let length = 0;
  for (let i = 0; i < text.length; i++, length++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) i++;
  }
  return length;
}

/** `ucs2length(text) > limit`, counting only when the code-unit length cannot decide (a code point is 1 or 2 units). */
export function longerThan(text: string, limit: number): boolean {
  return text.length > limit && (text.length > 2 * limit || ucs2length(text) > limit);
}

/** `ucs2length(text) < limit`, counting only when the code-unit length cannot decide. */
export function shorterThan(text: string, limit: number): boolean {
  return text.length < limit || (text.length < 2 * limit && ucs2length(text) < limit);
}

/** Deep equality of JSON values, for `const`, `enum` and `uniqueItems` over objects and arrays. */
export function equal(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return Number.isNaN(a) && Number.isNaN(b);
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => equal(item, b[i]));
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  return (
    keysA.length === keysB.length &&
    keysA.every((key) => Object.hasOwn(b, key) && equal((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]))
  );
}

/** Strings longer than this are checked every time, so that what a remembering pattern keeps stays small. */
const REMEMBERED_LENGTH = 64;
/** Distinct strings a remembering pattern keeps; when full, it forgets them all and learns again. */
const REMEMBERED_COUNT = 1024;

/**
 * `pattern`, remembering the strings it accepted: for a pattern on the items of an array (a reading's feed name),
 * whose values repeat within a payload and across payloads (a device reports a handful of feeds), a lookup costs less
 * than a second check. The verdicts are the pattern's own: only accepted strings are kept, at most
 * REMEMBERED_COUNT of them, each at most REMEMBERED_LENGTH code units long.
 */
export function remembering(pattern: { test(text: string): boolean }): { test(text: string): boolean } {
  const accepted = new Set<string>();
  return {
    test(text: string): boolean {
      if (accepted.has(text)) return true;
      if (!pattern.test(text)) return false;
      if (text.length <= REMEMBERED_LENGTH) {
        if (accepted.size >= REMEMBERED_COUNT) accepted.clear();
        accepted.add(text);
      }
      return true;
    },
  };
}

/**
 * The runtime helpers Ajv's standalone code calls, as ESM: Ajv ships them as CommonJS (`require`), which an
 * ESM package cannot load the same way in every runtime. Same algorithms as ajv/dist/runtime, plus the two length
 * comparisons the generator rewrites `ucs2length(x) > n` and `ucs2length(x) < n` into.
 */
/** Length in Unicode code points, as JSON Schema's `minLength`/`maxLength` count it (a surrogate pair is one). */
export declare function ucs2length(text: string): number;
/** `ucs2length(text) > limit`, counting only when the code-unit length cannot decide (a code point is 1 or 2 units). */
export declare function longerThan(text: string, limit: number): boolean;
/** `ucs2length(text) < limit`, counting only when the code-unit length cannot decide. */
export declare function shorterThan(text: string, limit: number): boolean;
/** Deep equality of JSON values, for `const`, `enum` and `uniqueItems` over objects and arrays. */
export declare function equal(a: unknown, b: unknown): boolean;
//# sourceMappingURL=helpers.d.ts.map
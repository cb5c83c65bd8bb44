/**
 * The runtime helpers Ajv's standalone code calls, as ESM: Ajv ships them as CommonJS (`require`), which an
 * ESM package cannot load the same way in every runtime. Same algorithms as ajv/dist/runtime, plus the two length
 * comparisons the generator rewrites `ucs2length(x) > n` and `ucs2length(x) < n` into.
 */
/** Length in Unicode code points, as JSON Schema's `minLength`/`maxLength` count it (a surrogate pair is one). */
export function ucs2length(text) {
    let length = 0;
    for (let i = 0; i < text.length; i++, length++) {
        const unit = text.charCodeAt(i);
        if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00)
            i++;
    }
    return length;
}
/** `ucs2length(text) > limit`, counting only when the code-unit length cannot decide (a code point is 1 or 2 units). */
export function longerThan(text, limit) {
    return text.length > limit && (text.length > 2 * limit || ucs2length(text) > limit);
}
/** `ucs2length(text) < limit`, counting only when the code-unit length cannot decide. */
export function shorterThan(text, limit) {
    return text.length < limit || (text.length < 2 * limit && ucs2length(text) < limit);
}
/** Deep equality of JSON values, for `const`, `enum` and `uniqueItems` over objects and arrays. */
export function equal(a, b) {
    if (a === b)
        return true;
    if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null)
        return Number.isNaN(a) && Number.isNaN(b);
    if (Array.isArray(a) !== Array.isArray(b))
        return false;
    if (Array.isArray(a) && Array.isArray(b))
        return a.length === b.length && a.every((item, i) => equal(item, b[i]));
    const keysA = Object.keys(a);
    const keysB = Object.keys(b);
    return (keysA.length === keysB.length &&
        keysA.every((key) => Object.hasOwn(b, key) && equal(a[key], b[key])));
}
//# sourceMappingURL=helpers.js.map
/** The valid outcome: the data itself, now typed. */
export function valid(data) {
    return { ok: true, value: data };
}
/** The invalid outcome of `validate`'s last call, whose errors Ajv has just set. */
export function invalid(validate) {
    return new Invalid(validate.errors ?? []);
}
// Symbol keys rather than #private fields: a copy of the result (a test runner printing a diff) can still read issues.
const ERRORS = Symbol('errors');
const ISSUES = Symbol('issues');
/**
 * Keeps Ajv's errors and builds the issues on first read: a caller that only checks `ok` (most callers rejecting
 * untrusted input) pays nothing for them. `issues` is a getter on the prototype, so it is not an own property:
 * `toJSON` puts it back for JSON, and deep-equality assertions should use `toMatchObject` or compare `.issues`.
 */
class Invalid {
    ok = false;
    [ERRORS];
    [ISSUES] = undefined;
    constructor(errors) {
        this[ERRORS] = errors;
    }
    get issues() {
        this[ISSUES] ??= this[ERRORS].map(toIssue);
        return this[ISSUES];
    }
    toJSON() {
        return { ok: false, issues: this.issues };
    }
}
/** RFC 6901; most property names need no escaping, and this runs for every invalid request. */
function escapePointerToken(token) {
    return token.includes('~') || token.includes('/') ? token.replace(/~/g, '~0').replace(/\//g, '~1') : token;
}
function toIssue(error) {
    const child = error.keyword === 'required' ? error.params.missingProperty : error.keyword === 'additionalProperties' ? error.params.additionalProperty : undefined;
    const pointer = typeof child === 'string' ? `${error.instancePath}/${escapePointerToken(child)}` : error.instancePath;
    return { pointer, keyword: error.keyword, message: error.message ?? `fails ${error.keyword}` };
}
//# sourceMappingURL=result.js.map
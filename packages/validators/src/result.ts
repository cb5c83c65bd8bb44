/** One reason a value does not match its schema. */
export interface ValidationIssue {
  /** JSON pointer to the offending value (for a missing property: where it should be). */
  readonly pointer: string;
  /** The JSON Schema keyword that failed, for example `required` or `maxLength`. */
  readonly keyword: string;
  readonly message: string;
}

/** Typed data, or the issues that kept it from being valid. */
export type Validated<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly issues: readonly ValidationIssue[] };

/** The shape of a precompiled (Ajv standalone) validate function. */
export interface CompiledValidator {
  (data: unknown): boolean;
  errors?: readonly CompiledError[] | null;
}

interface CompiledError {
  readonly instancePath: string;
  readonly keyword: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly message?: string;
}

/** The valid outcome: the data itself, now typed. */
export function valid<T>(data: unknown): Validated<T> {
  return { ok: true, value: data as T };
}

/** The invalid outcome of `validate`'s last call, whose errors Ajv has just set. */
export function invalid(validate: CompiledValidator): Validated<never> {
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
  readonly ok = false;
  readonly [ERRORS]: readonly CompiledError[];
  [ISSUES]: readonly ValidationIssue[] | undefined = undefined;

  constructor(errors: readonly CompiledError[]) {
    this[ERRORS] = errors;
  }

  get issues(): readonly ValidationIssue[] {
    this[ISSUES] ??= this[ERRORS].map(toIssue);
    return this[ISSUES];
  }

  toJSON(): { readonly ok: false; readonly issues: readonly ValidationIssue[] } {
    return { ok: false, issues: this.issues };
  }
}

/** RFC 6901; most property names need no escaping, and this runs for every invalid request. */
function escapePointerToken(token: string): string {
  return token.includes('~') || token.includes('/') ? token.replace(/~/g, '~0').replace(/\//g, '~1') : token;
}

function toIssue(error: CompiledError): ValidationIssue {
  const child =
    error.keyword === 'required' ? error.params.missingProperty : error.keyword === 'additionalProperties' ? error.params.additionalProperty : undefined;
  const pointer = typeof child === 'string' ? `${error.instancePath}/${escapePointerToken(child)}` : error.instancePath;
  return { pointer, keyword: error.keyword, message: error.message ?? `fails ${error.keyword}` };
}

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

/**
 * The shape of a precompiled (Ajv standalone) validate function. After it returns `false`, it holds what failed (see
 * `fail` and `failures`), which becomes an error object only when the issues are read
 * (generators/validators/src/lazy-errors.ts).
 */
export interface CompiledValidator {
  (data: unknown): boolean;
  /** The failed check's describing function, or the list of failures (the branches of an `anyOf` or `oneOf`). */
  errors?: DescribeError | readonly (Failure | CompiledError)[] | null;
  /** With a describing function in `errors`: the failing value's path and the values the check held. */
  path?: string;
  a?: unknown;
  b?: unknown;
  c?: unknown;
}

/** The error object a failed check describes, as Ajv writes it. */
export interface CompiledError {
  readonly instancePath: string;
  readonly keyword: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly message?: string;
}

/** Builds the error of one kind of check, from the failing value's path and the values the check held. */
export type DescribeError = (instancePath: string, a?: unknown, b?: unknown, c?: unknown) => CompiledError;

/**
 * A check of `validate` failed, and it returns at once: it keeps what the error needs on the function itself, so a
 * rejection allocates nothing until `invalid` hands it to a result (compiled code calls this; it returns `false`).
 */
export function fail(validate: CompiledValidator, describe: DescribeError, path: string, a?: unknown, b?: unknown, c?: unknown): false {
  validate.errors = describe;
  validate.path = path;
  validate.a = a;
  validate.b = b;
  validate.c = c;
  return false;
}

/** A failed check among others (a branch of an `anyOf` or `oneOf`): what its error needs, as it was then. */
export class Failure {
  declare readonly describe: DescribeError;
  declare readonly path: string;
  declare readonly a: unknown;
  declare readonly b: unknown;
  declare readonly c: unknown;

  constructor(describe: DescribeError, path: string, a?: unknown, b?: unknown, c?: unknown) {
    // Plain assignments, all five every time: every failure has one shape.
    this.describe = describe;
    this.path = path;
    this.a = a;
    this.b = b;
    this.c = c;
  }

  error(): CompiledError {
    return this.describe(this.path, this.a, this.b, this.c);
  }
}

/** The failures of `validate`'s last call as a list: what a validator calling it adds to its own (compiled code). */
export function failures(validate: CompiledValidator): readonly (Failure | CompiledError)[] {
  const errors = validate.errors;
  if (typeof errors === 'function') return [new Failure(errors, validate.path!, validate.a, validate.b, validate.c)];
  return errors ?? [];
}

/** The valid outcome: the data itself, now typed. */
export function valid<T>(data: unknown): Validated<T> {
  return { ok: true, value: data as T };
}

/** The invalid outcome of `validate`'s last call, whose failures it has just set. */
export function invalid(validate: CompiledValidator): Validated<never> {
  const errors = validate.errors;
  return typeof errors === 'function'
    ? new Invalid(errors, validate.path!, validate.a, validate.b, validate.c)
    : new Invalid(errors ?? [], '', undefined, undefined, undefined);
}

// Symbol keys rather than #private fields: a copy of the result (a test runner printing a diff) can still read issues.
const ERRORS = Symbol('errors');
const PATH = Symbol('path');
const A = Symbol('a');
const B = Symbol('b');
const C = Symbol('c');
const ISSUES = Symbol('issues');

/**
 * Keeps the validator's failures and builds the issues on first read: a caller that only checks `ok` (most callers
 * rejecting untrusted input) pays nothing for them. A check that returned at once is kept as `fail` left it, in the
 * result itself, so that a rejection allocates this object alone. `issues` is a getter on the prototype, so it is not
 * an own property: `toJSON` puts it back for JSON, and deep-equality assertions should use `toMatchObject` or compare
 * `.issues`.
 */
class Invalid {
  declare readonly ok: false;
  declare readonly [ERRORS]: DescribeError | readonly (Failure | CompiledError)[];
  declare readonly [PATH]: string;
  declare readonly [A]: unknown;
  declare readonly [B]: unknown;
  declare readonly [C]: unknown;
  declare [ISSUES]: readonly ValidationIssue[] | undefined;

  constructor(errors: DescribeError | readonly (Failure | CompiledError)[], path: string, a: unknown, b: unknown, c: unknown) {
    // Every field assigned every time, the stored failure's or not: one shape for every result.
    this.ok = false;
    this[ERRORS] = errors;
    this[PATH] = path;
    this[A] = a;
    this[B] = b;
    this[C] = c;
    this[ISSUES] = undefined;
  }

  get issues(): readonly ValidationIssue[] {
    const errors = this[ERRORS];
    this[ISSUES] ??=
      typeof errors === 'function'
        ? [toIssue(errors(this[PATH], this[A], this[B], this[C]))]
        : errors.map((error) => toIssue(error instanceof Failure ? error.error() : error));
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

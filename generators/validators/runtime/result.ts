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

export function validateWith<T>(validate: CompiledValidator, data: unknown): Validated<T> {
  if (validate(data)) return { ok: true, value: data as T };
  const errors = validate.errors ?? [];
  const issues: ValidationIssue[] = [];
  for (let i = 0; i < errors.length; i++) issues.push(toIssue(errors[i]!));
  return { ok: false, issues };
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

import type { ErrorObject } from 'ajv';

/** One readable problem per failing instance location, from Ajv's (often noisy, `allErrors`) list. */
export interface InstanceProblem {
  readonly instancePath: string;
  readonly message: string;
}

/** Combinators only say "a branch failed"; the branch errors say why. */
const COMBINATOR_KEYWORDS = new Set(['oneOf', 'anyOf', 'if', 'not', 'allOf']);

export function summariseAjvErrors(errors: readonly ErrorObject[]): InstanceProblem[] {
  const byPath = new Map<string, ErrorObject[]>();
  for (const error of errors) byPath.set(error.instancePath, [...(byPath.get(error.instancePath) ?? []), error]);
  // A failure inside a value also fails the combinators of its parents; report the deepest locations only.
  const paths = [...byPath.keys()].filter((path) => ![...byPath.keys()].some((other) => other !== path && other.startsWith(`${path}/`)));
  return paths.sort().map((instancePath) => ({ instancePath, message: describe(byPath.get(instancePath)!) }));
}

function describe(errors: readonly ErrorObject[]): string {
  const allowed = errors.filter((e) => e.keyword === 'const').map((e) => JSON.stringify((e.params as { allowedValue: unknown }).allowedValue));
  const specific = errors.filter((e) => !COMBINATOR_KEYWORDS.has(e.keyword) && e.keyword !== 'const');
  const parts = specific.map(describeOne);
  if (allowed.length > 0) parts.push(allowed.length === 1 ? `must be ${allowed[0]}` : `must be one of ${allowed.join(', ')}`);
  if (parts.length === 0) parts.push(...errors.map(describeOne));
  return [...new Set(parts)].join('; ');
}

function describeOne(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties':
    case 'unevaluatedProperties':
      return `has the unexpected property "${String(params.additionalProperty ?? params.unevaluatedProperty)}"`;
    case 'required':
      return `is missing the required property "${String(params.missingProperty)}"`;
    case 'enum':
      return `must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    default:
      return error.message ?? `fails "${error.keyword}"`;
  }
}

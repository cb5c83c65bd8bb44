import type { Vectors } from '@iotv1/conformance';
import type { RegistryRelease } from './release-api.js';

/**
 * Every code's vector through a release's `@iotv1/registry` (classify and the lookups), the one target every
 * release has: 1.0.0 had no client and no C header. Lines as the vector runners write them. `vectors` are the
 * release's expectations (expectations.ts): a code it lacks must classify as unknown, by its class.
 */
export function runRegistryVectors(target: string, registry: RegistryRelease, vectors: Vectors): string[] {
  const fallbacks = new Set(vectors.https.filter((vector) => vector.id.startsWith('https/no-code/')).map((vector) => vector.expect.code));
  return vectors.https.flatMap((vector) => {
    const { code } = vector;
    if (code === null) return [];
    const { expect } = vector;
    const known = expect.kind !== 'unknown';
    const got: Record<string, unknown> = {
      known: registry.classify(code).known,
      category: registry.categoryOf(code),
      errorType: registry.errorTypeOf(code) ?? null,
      retryable: registry.isRetryable(code),
      httpStatus: registry.httpStatusOf(code) ?? null,
    };
    const wanted: Record<string, unknown> = {
      known,
      category: expect.category,
      errorType: known ? expect.errorType : null,
      retryable: expect.retryable,
      httpStatus: known ? vector.answer.status : null,
    };
    if (registry.actionOf !== undefined) {
      got.action = registry.actionOf(code);
      wanted.action = expect.action;
    }
    if (known && expect.errorType !== null) {
      got.codeOfErrorType = registry.codeForErrorType(expect.errorType) ?? null;
      wanted.codeOfErrorType = code;
    }
    if (known && fallbacks.has(code)) {
      got.codeOfHttpStatus = registry.codeForHttpStatus(vector.answer.status) ?? null;
      wanted.codeOfHttpStatus = code;
    }
    return Object.keys(wanted)
      .filter((field) => !Object.is(got[field], wanted[field]))
      .map((field) => `[${target}] ${vector.id}: ${field} is ${JSON.stringify(got[field])}, the vector says ${JSON.stringify(wanted[field])}`);
  });
}

import type { Category, HttpsVector, MqttVector, Outcome, Vectors } from '@iotv1/conformance';

/*
 * Today's vectors as an earlier release must meet them, derived from the vectors themselves (no table per code).
 * The meaning lock is about codes: a code the release has keeps today's expectation whole (meaning and action); a
 * code added since must come out as today's vectors say an unknown code does: unknown, by its class. Vectors of
 * the rule's edge cases (`code: null`) are left as they are; verdict.ts judges them apart.
 */
export function expectationsFor(vectors: Vectors, releaseCodes: ReadonlySet<number>): Vectors {
  const byClass = unknownCodeOutcomes(vectors);
  const unknownAck = unknownErrorTypeOutcomes(vectors);
  const lacks = (vector: { readonly code: number | null }): vector is { readonly code: number } => vector.code !== null && !releaseCodes.has(vector.code);
  return {
    ...vectors,
    https: vectors.https.map(
      (vector): HttpsVector =>
        lacks(vector)
          ? // The body's error.type is carried for diagnostics, as every client does with an answer it cannot name.
            {
              ...vector,
              expect: {
                ...outcomeOf(byClass, vector.expect.category),
                receivedCode: vector.code,
                errorType: errorTypeIn(vector.answer.body),
                retryAfterMs: null,
              },
            }
          : vector,
    ),
    mqtt: vectors.mqtt.map(
      (vector): MqttVector =>
        // An ack names no code: a code added since reaches the release as an error type it does not know.
        lacks(vector) ? { ...vector, expect: { ...outcomeOf(unknownAck, vector.ack.retryable === true), errorType: vector.expect.errorType } } : vector,
    ),
  };
}

/** What today's vectors make of a code the registry does not have, by the category of its class. */
function unknownCodeOutcomes(vectors: Vectors): ReadonlyMap<Category | null, Outcome> {
  return outcomesBy(
    vectors.https.filter((vector) => vector.expect.kind === 'unknown' && vector.expect.receivedCode !== null),
    (vector) => vector.expect.category,
  );
}

/** What today's vectors make of a rejection with an error type the registry does not have, by the ack's `retryable`. */
function unknownErrorTypeOutcomes(vectors: Vectors): ReadonlyMap<boolean, Outcome> {
  return outcomesBy(
    vectors.mqtt.filter((vector) => vector.code === null && vector.expect.kind === 'unknown' && vector.expect.errorType !== null),
    (vector) => vector.ack.retryable === true,
  );
}

/** One outcome per key; the vectors saying two things for one key is a broken premise, not a finding. */
function outcomesBy<V extends { readonly id: string; readonly expect: Outcome }, K>(vectors: readonly V[], keyOf: (vector: V) => K): ReadonlyMap<K, Outcome> {
  const outcomes = new Map<K, Outcome>();
  for (const vector of vectors) {
    const { kind, code, receivedCode, category, errorType, retryable, action } = vector.expect;
    const outcome = { kind, code, receivedCode, category, errorType, retryable, action };
    const seen = outcomes.get(keyOf(vector));
    if (seen !== undefined && (seen.category !== outcome.category || seen.retryable !== outcome.retryable || seen.action !== outcome.action)) {
      throw new Error(`the vectors give two outcomes for an unknown answer like ${vector.id}`);
    }
    outcomes.set(keyOf(vector), outcome);
  }
  return outcomes;
}

function outcomeOf<K>(outcomes: ReadonlyMap<K, Outcome>, key: K): Outcome {
  const outcome = outcomes.get(key);
  if (outcome === undefined) throw new Error(`today's vectors have no unknown answer for ${String(key)}`);
  return outcome;
}

function errorTypeIn(body: string): string | null {
  try {
    const type = (JSON.parse(body) as { error?: { type?: unknown } } | null)?.error?.type;
    return typeof type === 'string' ? type : null;
  } catch {
    return null;
  }
}

import { type Category, cString, type DeviceAction } from '@iotv1/generator-kit';
import { bodyCode } from './https-vectors.js';
import type { HttpsVector, Vectors } from './vectors.js';

const UINT16_MAX = 0xffff;

const actionName = (action: DeviceAction): string => `IOTV1_ACTION_${action.toUpperCase()}`;
const categoryName = (category: Category | null): string => `IOTV1_CATEGORY_${(category ?? 'unclassifiable').toUpperCase().replace(/[^A-Z0-9]+/g, '_')}`;

/**
 * The view of iotv1_conformance.h: the code vectors and the answer vectors of the HTTPS vectors, and the MQTT
 * acknowledgements, as C literals.
 * Any vectors: today's, or today's as an earlier release must meet them (the replay).
 */
export function cTableView(vectors: Vectors, banner: string) {
  const codeVectors = vectors.https.filter((vector): vector is HttpsVector & { code: number } => vector.code !== null);
  const fallbacks = new Set(vectors.https.filter((vector) => vector.id.startsWith('https/no-code/')).map((vector) => vector.expect.code));
  const answers = vectors.https.flatMap((vector) => {
    const code = codeInBytes(vector.answer.body);
    if (vector.answer.status > UINT16_MAX || (code !== null && (code < 0 || code > UINT16_MAX))) return [];
    return [
      { id: cString(vector.id), httpStatus: vector.answer.status, hasCode: code === null ? 0 : 1, code: code ?? 0, action: actionName(vector.expect.action) },
    ];
  });
  return {
    banner,
    version: cString(vectors.contract.version),
    codes: codeVectors.map((vector, i) => {
      // A code whose outcome is unknown (a header older than the code): no HTTP status, no fallback, no error type.
      const known = vector.expect.kind !== 'unknown';
      return {
        id: cString(vector.id),
        code: vector.code,
        httpStatus: known ? vector.answer.status : 0,
        category: categoryName(vector.expect.category),
        retryable: vector.expect.retryable ? 1 : 0,
        action: actionName(vector.expect.action),
        fallback: known && fallbacks.has(vector.code) ? 1 : 0,
        errorType: !known || vector.expect.errorType === null ? 'NULL' : cString(vector.expect.errorType),
        separator: i === codeVectors.length - 1 ? '' : ',',
      };
    }),
    answers: answers.map((answer, i) => ({ ...answer, separator: i === answers.length - 1 ? '' : ',' })),
    acks: vectors.mqtt.map((vector, i) => {
      const { status, retryable, error } = vector.ack as { status?: unknown; retryable?: unknown; error?: { type?: unknown } };
      return {
        id: cString(vector.id),
        status: typeof status === 'string' ? cString(status) : 'NULL',
        retryable: retryable === true ? 1 : 0,
        errorType: typeof error?.type === 'string' ? cString(error.type) : 'NULL',
        action: actionName(vector.expect.action),
        separator: i === vectors.mqtt.length - 1 ? '' : ',',
      };
    }),
  };
}

/** The top-level integer `code` of a body's bytes, as a firmware's JSON reader finds it (none when not JSON). */
function codeInBytes(body: string): number | null {
  try {
    return bodyCode(JSON.parse(body));
  } catch {
    return null;
  }
}

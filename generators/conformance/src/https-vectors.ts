import { type ContractModel, httpsOutcome, type ResponseCode, retryAfterMs } from '@iotv1/generator-kit';
import type { HttpsVector } from './vectors.js';

/** What a retryable answer asks for, and the clock the HTTP-date forms are read against. */
const RETRY_AFTER_S = '30';
export const VECTOR_CLOCK = '2026-01-01T00:00:00.000Z';
const JSON_HEADERS = { 'content-type': 'application/json' };

/** Statuses the rule meets without a registry code for them: informational, other successes, redirects, gateways, HTTP's edges and beyond. */
const STATUS_PROBES = [99, 100, 199, 201, 204, 302, 408, 499, 502, 504, 599, 600, 999];
/** Numbers that are no code: below the code space, in a class without a category, above it. */
const OUT_OF_CODE_SPACE = [0, 999, 3001, 10000];

interface Answer {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** The body as JSON, or its bytes when a string (a proxy's page). */
  readonly body: unknown;
}

/**
 * The HTTPS vectors: every registry code as the registry defines it, and the rule's edge cases (no code, unknown
 * codes of each class, numbers outside the code space, status and code disagreeing, `Retry-After` in each form,
 * statuses outside HTTP's classes, bodies that are not JSON).
 */
export function httpsVectors(model: ContractModel): HttpsVector[] {
  const vector = (id: string, about: string, code: number | null, answer: Answer): HttpsVector => {
    const body = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
    const headers: Record<string, string> = { ...(typeof answer.body === 'string' ? { 'content-type': 'text/html' } : JSON_HEADERS), ...answer.headers };
    const outcome = httpsOutcome(model.registry, answer.status, bodyCode(answer.body), bodyErrorType(answer.body));
    const retryAfter = outcome.kind === 'error' ? retryAfterMs(headers['retry-after'] ?? null, Date.parse(VECTOR_CLOCK)) : null;
    return { id, about, code, answer: { status: answer.status, headers, body }, expect: { ...outcome, retryAfterMs: retryAfter } };
  };
  const active = model.registry.filter((entry) => entry.retired === null);
  const success = active.find((entry) => entry.category === 'Success' && entry.httpFallback);
  const retryable = active.find((entry) => entry.retryable);
  return [
    ...model.registry.map((entry) =>
      vector(`https/code/${entry.code}`, `${entry.code} ${entry.errorType ?? entry.message} as the registry defines it`, entry.code, codeAnswer(model, entry)),
    ),
    ...active
      .filter((entry) => entry.httpFallback)
      .map((entry) =>
        vector(`https/no-code/${entry.httpStatus}`, `HTTP ${entry.httpStatus} without a code stands for ${entry.code}`, null, {
          status: entry.httpStatus,
          body: {},
        }),
      ),
    ...STATUS_PROBES.filter((status) => !active.some((entry) => entry.httpFallback && entry.httpStatus === status)).map((status) =>
      vector(`https/no-code/${status}`, `HTTP ${status} without a code: no registry code has this status`, null, { status, body: {} }),
    ),
    ...unknownCodes(model).map(({ code, status }) =>
      vector(`https/unknown-code/${code}-on-${status}`, `${code}, a code this registry does not have, on HTTP ${status}`, null, { status, body: { code } }),
    ),
    ...OUT_OF_CODE_SPACE.map((code) =>
      vector(`https/not-a-code/${code}`, `${code} is outside the code space: the HTTP status decides`, null, { status: 400, body: { code } }),
    ),
    ...(success === undefined
      ? []
      : [
          ...new Set([
            ...active.filter((entry) => entry.category !== 'Success').map((entry) => entry.httpStatus),
            ...STATUS_PROBES.filter((s) => s < 200 || s > 299),
          ]),
        ].map((status) =>
          vector(`https/success-code-on/${status}`, `success code ${success.code} on HTTP ${status} is not trusted`, null, {
            status,
            body: { code: success.code },
          }),
        )),
    ...active
      .filter((entry) => entry.category !== 'Success')
      .map((entry) =>
        vector(`https/error-code-on-2xx/${entry.code}`, `${entry.code} on HTTP 200: the code is trusted`, null, { status: 200, body: errorBody(entry) }),
      ),
    ...unknownCodes(model)
      .filter(({ code, status }) => Math.floor(status / 100) === Math.floor(code / 1000))
      .map(({ code, status }) =>
        vector(`https/unknown-code/${code}-with-error-type`, `${code}, a code this registry does not have, keeps the error type its body names`, null, {
          status,
          body: { code, error: { type: 'conformance_new_type', message: 'added after this registry', details: {} }, request_id: 'req_conformance' },
        }),
      ),
    vector('https/body/not-json', 'a proxy page instead of JSON counts as a body without a code', null, { status: 502, body: '<html>Bad Gateway</html>' }),
    vector('https/body/code-as-string', 'a code that is a string is no code', null, { status: 400, body: { code: '4000' } }),
    vector('https/body/code-fraction', 'a code that is not an integer is no code', null, { status: 400, body: { code: 4000.5 } }),
    vector('https/body/array', 'a body that is no object carries no code', null, { status: 404, body: [4004] }),
    ...(retryable === undefined
      ? []
      : retryAfterVectors().map(([name, header]) =>
          vector(`https/retry-after/${name}`, `Retry-After ${name}`, null, {
            status: retryable.httpStatus,
            headers: header === null ? {} : { 'retry-after': header },
            body: errorBody(retryable),
          }),
        )),
  ];
}

/** The answer that shows a code: its response example from the spec when it has one, else the error envelope. */
function codeAnswer(model: ContractModel, entry: ResponseCode): Answer {
  const example = model.operations
    .flatMap((operation) => operation.responses)
    .filter((response) => response.status === entry.httpStatus)
    .flatMap((response) => response.examples)
    .find((candidate) => bodyCode(candidate.value) === entry.code);
  return {
    status: entry.httpStatus,
    headers: entry.retryable ? { 'retry-after': RETRY_AFTER_S } : {},
    body: example?.value ?? (entry.errorType === null ? { code: entry.code } : errorBody(entry)),
  };
}

function errorBody(entry: ResponseCode): unknown {
  return { code: entry.code, error: { type: entry.errorType, message: entry.message, details: {} }, request_id: `req_conformance_${entry.code}` };
}

/** A code of each class the registry does not have, on its class's HTTP status and on a status of another class. */
function unknownCodes(model: ContractModel): { code: number; status: number }[] {
  const known = new Set(model.registry.map((entry) => entry.code));
  return [2, 4, 5].flatMap((digit) => {
    const code = Array.from({ length: 1000 }, (_, i) => digit * 1000 + 999 - i).find((candidate) => !known.has(candidate));
    return code === undefined
      ? []
      : [
          { code, status: digit * 100 },
          { code, status: digit === 5 ? 400 : 503 },
        ];
  });
}

/** `Retry-After` in each form the rule reads, and forms it does not. */
function retryAfterVectors(): [string, string | null][] {
  const clock = Date.parse(VECTOR_CLOCK);
  return [
    ['seconds', '120'],
    ['zero', '0'],
    ['imf-date', new Date(clock + 90_000).toUTCString()],
    ['rfc850-date', 'Thursday, 01-Jan-26 00:01:30 GMT'],
    ['asctime-date', 'Thu Jan  1 00:01:30 2026'],
    ['past-date', new Date(clock - 60_000).toUTCString()],
    ['absent', null],
    ['garbage', 'soon'],
    ['negative', '-5'],
    ['fraction', '1.5'],
    ['iso-date', '2026-01-01T00:01:30Z'],
  ];
}

/** The body's top-level code as the rule reads it: an integer `code` of a JSON object, else none. */
export function bodyCode(body: unknown): number | null {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return null;
  const { code } = body as { code?: unknown };
  return typeof code === 'number' && Number.isInteger(code) ? code : null;
}

/** The body's `error.type`, when it is a string. */
function bodyErrorType(body: unknown): string | null {
  if (typeof body !== 'object' || body === null) return null;
  const type = (body as { error?: { type?: unknown } }).error?.type;
  return typeof type === 'string' ? type : null;
}

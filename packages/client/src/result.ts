import { CATEGORY_OF_CLASS, type Category, classify, codeForHttpStatus, type ResponseCodeEntry } from '@iotv1/registry';

type ErrorEntry = Exclude<ResponseCodeEntry, { errorType: null }>;
/** A registry code that means failure. */
export type ErrorCode = ErrorEntry['code'];
/** A registry code that means success. */
export type SuccessCode = Exclude<ResponseCodeEntry['code'], ErrorCode>;

interface Answer {
  /** The HTTP status; `null` over MQTT. */
  readonly httpStatus: number | null;
  /** The platform's `request_id`, to quote to support; `null` when the answer had none (and over MQTT). */
  readonly requestId: string | null;
  /** How many times the request was sent (retries included). */
  readonly attempts: number;
}

/** The platform did what was asked. `status` is the body's (`created`, `idempotent`, `processed`), when it has one. */
export interface Success<Body> extends Answer {
  readonly kind: 'success';
  readonly code: SuccessCode;
  readonly status: Body extends { readonly status: infer Status } ? Status : null;
  readonly body: Body;
  readonly retryable: false;
}

/** The platform refused with a code this client knows. `errorType`, `message` and `details` are for diagnostics. */
export interface ErrorOf<Code extends ErrorCode> extends Answer {
  readonly kind: 'error';
  readonly code: Code;
  readonly errorType: Extract<ErrorEntry, { code: Code }>['errorType'];
  readonly message: string;
  readonly details: Readonly<Record<string, unknown>>;
  /** Whether sending the same request again may succeed (the registry's flag; over MQTT, the ack's). */
  readonly retryable: boolean;
  /** How long the server asked to wait before sending it again (`Retry-After`), in milliseconds. */
  readonly retryAfterMs: number | null;
}

/** Any refusal with a known code; `switch (result.code)` narrows it to one code. */
export type ApplicationError = { [Code in ErrorCode]: ErrorOf<Code> }[ErrorCode];

/**
 * An answer whose code this client version has never seen (a newer server), classified by its class. Its `code`
 * is `null`, the client's own marker outside the code space, so that `switch (result.code)` narrows known codes;
 * the number the server sent is `receivedCode`.
 */
export interface UnknownAnswer extends Answer {
  readonly kind: 'unknown';
  readonly code: null;
  /** The code the server sent; `null` when it sent none and its HTTP status has no registry fallback. */
  readonly receivedCode: number | null;
  /** By the code's class (2xxx, 4xxx, 5xxx), else by the HTTP status class; `null` when neither has one. */
  readonly category: Category | null;
  readonly errorType: string | null;
  readonly message: string;
  readonly details: Readonly<Record<string, unknown>>;
  readonly body: unknown;
  /** Unknown codes are never retried over HTTPS; over MQTT the ack says. */
  readonly retryable: boolean;
}

/** No answer from the platform: the network, TLS, the per-attempt timeout, or the caller's abort. */
export interface TransportFailure {
  readonly kind: 'transport';
  readonly code: null;
  readonly reason: 'network' | 'tls' | 'timeout' | 'abort';
  readonly cause: unknown;
  /** Network failures and timeouts may be retried (the same message again is idempotent); TLS and aborts not. */
  readonly retryable: boolean;
  readonly attempts: number;
}

/** The outcome of one call, over HTTPS or MQTT. Application errors are values, never exceptions. */
export type Result<Body> = Success<Body> | ApplicationError | UnknownAnswer | TransportFailure;

/** Thrown by `unwrap` for anything but success; the result is kept whole. */
export class Iotv1Error extends Error {
  constructor(readonly result: Exclude<Result<unknown>, { kind: 'success' }>) {
    super(result.kind === 'transport' ? `iot/v1 ${result.reason} failure` : `iot/v1 ${result.code ?? result.receivedCode}: ${result.message}`);
    this.name = 'Iotv1Error';
  }
}

/** The body of a success; throws `Iotv1Error` for every other result (for callers that want exceptions). */
export function unwrap<Body>(result: Result<Body>): Body {
  if (result.kind === 'success') return result.body;
  throw new Iotv1Error(result);
}

export function transportFailure(reason: TransportFailure['reason'], cause: unknown): TransportFailure {
  return { kind: 'transport', code: null, reason, cause, retryable: reason === 'network' || reason === 'timeout', attempts: 1 };
}

type Envelope = { code?: unknown; status?: unknown; request_id?: unknown; error?: { type?: unknown; message?: unknown; details?: unknown } };

/**
 * The device handling rules, in order, for one HTTPS answer: the HTTP status first (a success code on a failed
 * status is not trusted), then the top-level `code`, then, when an older endpoint sent no `code`, the HTTP status
 * mapped through the registry. `error.type` and `details` are carried for diagnostics only. Never throws.
 */
export function interpret(httpStatus: number, body: unknown, retryAfter: string | null, now: number = Date.now()): Result<unknown> {
  const envelope: Envelope = typeof body === 'object' && body !== null ? body : {};
  const wire = typeof envelope.code === 'number' && Number.isInteger(envelope.code) ? envelope.code : undefined;
  const ok = httpStatus >= 200 && httpStatus < 300;
  // The HTTP status first: a number outside the code space, or a success code on a status that is not 2xx, is not
  // trusted; the status decides.
  const wireCategory = wire === undefined ? null : classify(wire).category;
  const code = wire !== undefined && wireCategory !== null && (ok || wireCategory !== 'Success') ? wire : codeForHttpStatus(httpStatus);
  const error = typeof envelope.error === 'object' && envelope.error !== null ? envelope.error : {};
  const requestId = typeof envelope.request_id === 'string' ? envelope.request_id : null;
  const details = typeof error.details === 'object' && error.details !== null ? (error.details as Record<string, unknown>) : {};
  const message = typeof error.message === 'string' ? error.message : undefined;
  const answer = { httpStatus, requestId, attempts: 1 };
  const known = code === undefined ? undefined : classify(code);
  if (known?.known && known.category === 'Success') {
    const status = typeof envelope.status === 'string' ? envelope.status : null;
    return { ...answer, kind: 'success', code: known.code as SuccessCode, status, body, retryable: false } as Success<unknown>;
  }
  if (known?.known) {
    const entry = known.entry as ErrorEntry;
    return {
      ...answer,
      kind: 'error',
      code: entry.code,
      errorType: entry.errorType,
      message: message ?? entry.message,
      details,
      retryable: entry.retryable,
      retryAfterMs: retryAfterMs(retryAfter, now),
    } as ApplicationError;
  }
  return {
    ...answer,
    kind: 'unknown',
    code: null,
    receivedCode: code ?? null,
    category: known?.category ?? categoryOfHttpStatus(httpStatus),
    errorType: typeof error.type === 'string' ? error.type : null,
    message: message ?? `HTTP ${httpStatus}`,
    details,
    body,
    retryable: false,
  };
}

/** HTTP status classes line up with the code classes (2xx Success, 4xx Client Error, 5xx Server Error). */
function categoryOfHttpStatus(httpStatus: number): Category | null {
  return (CATEGORY_OF_CLASS as Readonly<Record<number, Category | undefined>>)[Math.floor(httpStatus / 100)] ?? null;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/**
 * RFC 9110's HTTP-date forms (IMF-fixdate, then the obsolete RFC 850 and asctime forms, which recipients must
 * accept), each with the positions of day, month, year, hour, minute and second among its groups.
 */
const HTTP_DATES: readonly (readonly [form: RegExp, order: readonly number[]])[] = [
  [/^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\d{2}) ([A-Z][a-z]{2}) (\d{4}) (\d{2}):(\d{2}):(\d{2}) GMT$/, [1, 2, 3, 4, 5, 6]],
  [/^(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day, (\d{2})-([A-Z][a-z]{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2}) GMT$/, [1, 2, 3, 4, 5, 6]],
  [/^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) ([A-Z][a-z]{2}) ([ \d]\d) (\d{2}):(\d{2}):(\d{2}) (\d{4})$/, [2, 1, 6, 3, 4, 5]],
];

/**
 * `Retry-After` in milliseconds: delay-seconds or an HTTP-date (RFC 9110, section 10.2.3; a date already past is
 * 0); `null` when absent or anything else. Dates are read as UTC by hand: `Date.parse` takes forms HTTP does not
 * (`2027`, ISO dates) and reads asctime dates in the local time zone.
 */
export function retryAfterMs(header: string | null, now: number): number | null {
  if (header === null) return null;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = httpDate(text, new Date(now).getUTCFullYear());
  return at === null ? null : Math.max(0, at - now);
}

function httpDate(text: string, thisYear: number): number | null {
  for (const [form, order] of HTTP_DATES) {
    const match = form.exec(text);
    if (match === null) continue;
    const [day, month, year, hour, minute, second] = order.map((group) => match[group]!.trim());
    let fullYear = Number(year);
    // A two-digit year (RFC 850) more than 50 years ahead is of the last century.
    if (year!.length === 2) {
      fullYear += Math.floor(thisYear / 100) * 100;
      if (fullYear > thisYear + 50) fullYear -= 100;
    }
    const monthIndex = MONTHS.indexOf(month!);
    return monthIndex === -1 ? null : Date.UTC(fullYear, monthIndex, Number(day), Number(hour), Number(minute), Number(second));
  }
  return null;
}

import { isRetryable, RESPONSE_CODES, type ResponseCodeEntry, ResponseCodes } from '@iotv1/registry';
import type { HttpErrorResponse } from './gen/types.js';
import type { ValidationIssue } from './result.js';

type ErrorEntry = Exclude<ResponseCodeEntry, { errorType: null }>;
/** A code that an error response may carry. */
export type ErrorCode = ErrorEntry['code'];
/** Error codes a client may retry: their responses carry `Retry-After`. */
export type RetryableErrorCode = Extract<ErrorEntry, { retryable: true }>['code'];
export type FinalErrorCode = Exclude<ErrorCode, RetryableErrorCode>;

/** A canonical error response, ready for any HTTP framework. */
export interface ErrorReply {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: HttpErrorResponse;
}

export interface ErrorOptions {
  /** Readable text for developers; the registry's message when omitted. */
  readonly message?: string;
  readonly details?: Readonly<Record<string, unknown>>;
}

const entries: ReadonlyMap<number, ErrorEntry> = new Map(
  RESPONSE_CODES.filter((entry): entry is ErrorEntry => entry.errorType !== null).map((entry) => [entry.code, entry]),
);

/**
 * The error response for `code`: its HTTP status, its error type and the error envelope. Retryable codes must say
 * when to come back (`Retry-After`, in seconds).
 */
export function errorReply(code: RetryableErrorCode, requestId: string, options: ErrorOptions & { readonly retryAfterSeconds: number }): ErrorReply;
export function errorReply(code: FinalErrorCode, requestId: string, options?: ErrorOptions): ErrorReply;
export function errorReply(code: ErrorCode, requestId: string, options: ErrorOptions & { readonly retryAfterSeconds?: number } = {}): ErrorReply {
  const entry = entries.get(code)!;
  const retryAfter = isRetryable(code) ? Math.max(0, Math.ceil(options.retryAfterSeconds ?? 1)) : undefined;
  return {
    status: entry.httpStatus,
    headers: retryAfter === undefined ? {} : { 'retry-after': String(retryAfter) },
    body: {
      code: entry.code,
      error: { type: entry.errorType, message: options.message ?? entry.message, details: { ...options.details } },
      request_id: requestId,
    },
  };
}

/** The replies for failures every endpoint shares, each with its registry code. */
export const replies = {
  /** The body is not valid JSON (or not parseable at all): 4000. */
  malformedJson: (requestId: string, reason: string): ErrorReply =>
    errorReply(ResponseCodes.BAD_REQUEST, requestId, { message: 'request body is not valid JSON', details: { reason } }),
  /** No valid credentials: 4001. */
  unauthorized: (requestId: string): ErrorReply => errorReply(ResponseCodes.UNAUTHORIZED, requestId, { message: 'missing or invalid device token' }),
  /** The body is larger than the limit (enforced before parsing): 4013. */
  payloadTooLarge: (requestId: string, limitBytes: number): ErrorReply =>
    errorReply(ResponseCodes.PAYLOAD_TOO_LARGE, requestId, { message: `body exceeds ${limitBytes} bytes`, details: { limit_bytes: limitBytes } }),
  /** The body is not `application/json`: 4015. */
  unsupportedMediaType: (requestId: string, contentType: string | undefined): ErrorReply =>
    errorReply(ResponseCodes.UNSUPPORTED_MEDIA_TYPE, requestId, { message: 'use application/json', details: { content_type: contentType ?? null } }),
  /** The body is JSON but does not match its schema: 4022, with every issue in `error.details.issues`. */
  validationFailed: (requestId: string, issues: readonly ValidationIssue[]): ErrorReply =>
    errorReply(ResponseCodes.VALIDATION_FAILED, requestId, { message: 'request does not match the schema', details: { issues } }),
  /** Nothing matches the path: 4004. */
  notFound: (requestId: string): ErrorReply => errorReply(ResponseCodes.NOT_FOUND, requestId, { message: 'no such resource' }),
  /** An unexpected failure: 5000, never 5003 (which means a required service is temporarily unavailable). */
  internalError: (requestId: string): ErrorReply => errorReply(ResponseCodes.INTERNAL_ERROR, requestId, { message: 'unexpected server error' }),
};

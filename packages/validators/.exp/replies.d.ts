import { type ResponseCodeEntry } from '@iotv1/registry';
import type { HttpErrorResponse } from './gen/types.js';
import type { ValidationIssue } from './result.js';
type ErrorEntry = Exclude<ResponseCodeEntry, {
    errorType: null;
}>;
/** A code that an error response may carry. */
export type ErrorCode = ErrorEntry['code'];
/** Error codes a client may retry: their responses carry `Retry-After`. */
export type RetryableErrorCode = Extract<ErrorEntry, {
    retryable: true;
}>['code'];
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
/**
 * The error response for `code`: its HTTP status, its error type and the error envelope. Retryable codes must say
 * when to come back (`Retry-After`, in seconds).
 */
export declare function errorReply(code: RetryableErrorCode, requestId: string, options: ErrorOptions & {
    readonly retryAfterSeconds: number;
}): ErrorReply;
export declare function errorReply(code: FinalErrorCode, requestId: string, options?: ErrorOptions): ErrorReply;
/** The replies for failures every endpoint shares, each with its registry code. */
export declare const replies: {
    /** The body is not valid JSON (or not parseable at all): 4000. */
    malformedJson: (requestId: string, reason: string) => ErrorReply;
    /** No valid credentials: 4001. */
    unauthorized: (requestId: string) => ErrorReply;
    /** The body is larger than the limit (enforced before parsing): 4013. */
    payloadTooLarge: (requestId: string, limitBytes: number) => ErrorReply;
    /** The body is not `application/json`: 4015. */
    unsupportedMediaType: (requestId: string, contentType: string | undefined) => ErrorReply;
    /** The body is JSON but does not match its schema: 4022, with every issue in `error.details.issues`. */
    validationFailed: (requestId: string, issues: readonly ValidationIssue[]) => ErrorReply;
    /** Nothing matches the path: 4004. */
    notFound: (requestId: string) => ErrorReply;
    /** An unexpected failure: 5000, never 5003 (which means a required service is temporarily unavailable). */
    internalError: (requestId: string) => ErrorReply;
};
export {};
//# sourceMappingURL=replies.d.ts.map
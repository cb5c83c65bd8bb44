import { isRetryable, RESPONSE_CODES, ResponseCodes } from '@iotv1/registry';
const entries = new Map(RESPONSE_CODES.filter((entry) => entry.errorType !== null).map((entry) => [entry.code, entry]));
export function errorReply(code, requestId, options = {}) {
    const entry = entries.get(code);
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
    malformedJson: (requestId, reason) => errorReply(ResponseCodes.BAD_REQUEST, requestId, { message: 'request body is not valid JSON', details: { reason } }),
    /** No valid credentials: 4001. */
    unauthorized: (requestId) => errorReply(ResponseCodes.UNAUTHORIZED, requestId, { message: 'missing or invalid device token' }),
    /** The body is larger than the limit (enforced before parsing): 4013. */
    payloadTooLarge: (requestId, limitBytes) => errorReply(ResponseCodes.PAYLOAD_TOO_LARGE, requestId, { message: `body exceeds ${limitBytes} bytes`, details: { limit_bytes: limitBytes } }),
    /** The body is not `application/json`: 4015. */
    unsupportedMediaType: (requestId, contentType) => errorReply(ResponseCodes.UNSUPPORTED_MEDIA_TYPE, requestId, { message: 'use application/json', details: { content_type: contentType ?? null } }),
    /** The body is JSON but does not match its schema: 4022, with every issue in `error.details.issues`. */
    validationFailed: (requestId, issues) => errorReply(ResponseCodes.VALIDATION_FAILED, requestId, { message: 'request does not match the schema', details: { issues } }),
    /** Nothing matches the path: 4004. */
    notFound: (requestId) => errorReply(ResponseCodes.NOT_FOUND, requestId, { message: 'no such resource' }),
    /** An unexpected failure: 5000, never 5003 (which means a required service is temporarily unavailable). */
    internalError: (requestId) => errorReply(ResponseCodes.INTERNAL_ERROR, requestId, { message: 'unexpected server error' }),
};
//# sourceMappingURL=replies.js.map
import { codeForErrorType, lookupCode } from '@iotv1/registry';
import { operations, validateFeedDataAck } from './gen/validators.js';
/**
 * Checks a response an implementation is about to send: the body matches the schema of that operation and status,
 * and its code agrees with the registry (an error's type is its code's, the status is its code's).
 */
export function checkResponse(operationId, status, body) {
    const responses = operations[operationId].responses;
    const validate = responses[status];
    if (validate === undefined)
        return [{ pointer: '', keyword: 'status', message: `${operationId} has no ${status} response in the spec` }];
    const result = validate(body);
    if (!result.ok)
        return [...result.issues];
    return codeIssues(status, body);
}
/** Checks an MQTT acknowledgement: its schema, and that `retryable` and `error.type` agree with the registry. */
export function checkAck(ack) {
    const result = validateFeedDataAck(ack);
    if (!result.ok)
        return [...result.issues];
    return ackIssues(result.value);
}
function codeIssues(status, body) {
    const { code, error } = body;
    const entry = lookupCode(code);
    if (entry === undefined)
        return [{ pointer: '/code', keyword: 'registry', message: `code ${code} is not in the registry` }];
    const issues = [];
    if (entry.httpStatus !== status)
        issues.push({ pointer: '/code', keyword: 'registry', message: `code ${code} belongs to HTTP ${entry.httpStatus}, not ${status}` });
    if (error !== undefined && error.type !== entry.errorType) {
        issues.push({ pointer: '/error/type', keyword: 'registry', message: `code ${code} has error type ${String(entry.errorType)}, not ${error.type}` });
    }
    return issues;
}
function ackIssues(ack) {
    if (ack.status !== 'rejected') {
        return ack.error === undefined && !ack.retryable
            ? []
            : [{ pointer: '', keyword: 'registry', message: `an accepted message (${ack.status}) carries no error and is not retryable` }];
    }
    if (ack.error === undefined)
        return [{ pointer: '/error', keyword: 'registry', message: 'a rejected message carries error.type' }];
    const code = codeForErrorType(ack.error.type);
    if (code === undefined)
        return [{ pointer: '/error/type', keyword: 'registry', message: `error type ${ack.error.type} is not in the registry` }];
    const retryable = lookupCode(code).retryable;
    return retryable === ack.retryable
        ? []
        : [{ pointer: '/retryable', keyword: 'registry', message: `error type ${ack.error.type} (code ${code}) has retryable ${retryable}` }];
}
//# sourceMappingURL=conformance.js.map
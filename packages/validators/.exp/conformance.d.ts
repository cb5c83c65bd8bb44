import { type OperationId } from './gen/validators.js';
import type { ValidationIssue } from './result.js';
/**
 * Checks a response an implementation is about to send: the body matches the schema of that operation and status,
 * and its code agrees with the registry (an error's type is its code's, the status is its code's).
 */
export declare function checkResponse(operationId: OperationId, status: number, body: unknown): ValidationIssue[];
/** Checks an MQTT acknowledgement: its schema, and that `retryable` and `error.type` agree with the registry. */
export declare function checkAck(ack: unknown): ValidationIssue[];
//# sourceMappingURL=conformance.d.ts.map
export { checkAck, checkResponse } from './conformance.js';
export { type ErrorCode, type ErrorOptions, type ErrorReply, errorReply, type FinalErrorCode, type RetryableErrorCode, replies } from './replies.js';
export type { CompiledValidator, Validated, ValidationIssue } from './result.js';
export type * from './types.js';
export * from './validators.js';

export { checkAck, checkResponse } from './conformance.js';
export { CONTRACT } from './gen/contract.js';
export type * from './gen/types.js';
export * from './gen/validators.js';
export { type ErrorCode, type ErrorOptions, type ErrorReply, errorReply, type FinalErrorCode, type RetryableErrorCode, replies } from './replies.js';
export type { CompiledValidator, Validated, ValidationIssue } from './result.js';
//# sourceMappingURL=index.d.ts.map
export { checkAck, checkResponse } from './conformance.js';
export { CONTRACT } from './gen/contract.js';
export * from './gen/validators.js';
export { errorReply, replies } from './replies.js';
//# sourceMappingURL=index.js.map
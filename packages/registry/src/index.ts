export { CONTRACT } from './gen/contract.js';
export { ACK_STATUSES, ACTION_OF_UNKNOWN_CODE, CATEGORY_OF_CLASS, FEED_DATA_STATUSES, RESPONSE_CODES, ResponseCodes } from './gen/registry.js';
export * from './lookups.js';

export * from './lookups.js';
export { ACK_STATUSES, CATEGORY_OF_CLASS, CONTRACT, FEED_DATA_STATUSES, RESPONSE_CODES, ResponseCodes } from './registry.js';

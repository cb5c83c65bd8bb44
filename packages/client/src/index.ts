export type { DeviceAction } from '@iotv1/registry';
export { deviceAction } from './device-action.js';
export { CONTRACT } from './gen/contract.js';
export * from './gen/operations.js';
export type { components, operations, paths } from './gen/paths.js';
export { type CallOptions, type Client, type ClientOptions, createClient } from './http.js';
export {
  type ApplicationError,
  type ErrorCode,
  type ErrorOf,
  Iotv1Error,
  type Result,
  type Success,
  type SuccessCode,
  type TransportFailure,
  type UnknownAnswer,
  unwrap,
} from './result.js';
export { DEFAULT_RETRY, type RetryPolicy } from './retry.js';

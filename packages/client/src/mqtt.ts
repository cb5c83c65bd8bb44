/** `@iotv1/client/mqtt`: the device side over MQTT. Only this entry loads mqtt.js. */

export type { DeviceAction } from '@iotv1/registry';
export type { AcceptedAck, DeviceConnection, DeviceOptions, PublishOptions } from './device.js';
export { deviceAction } from './device-action.js';
export { CONTRACT } from './gen/contract.js';
export * from './gen/mqtt.js';
export type * from './gen/mqtt-types.js';
export type { ApplicationError, ErrorCode, ErrorOf, Success, SuccessCode, TransportFailure, UnknownAnswer } from './result.js';
export { Iotv1Error, type Result, unwrap } from './result.js';
export { DEFAULT_RETRY, type RetryPolicy } from './retry.js';

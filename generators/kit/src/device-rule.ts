import type { Category } from './model.js';

/**
 * What a device does with an answer: the outcomes of the device handling rule, in the order targets number them
 * (the C header's `iotv1_action_t` values are these indexes).
 */
export const DEVICE_ACTIONS = ['success', 'retry_later', 'fix_request', 'reauthenticate', 'give_up'] as const;
export type DeviceAction = (typeof DEVICE_ACTIONS)[number];

/**
 * The action of a known code, from the registry and HTTP's own meaning of the status (RFC 9110): success codes
 * succeed; retryable codes are retried later; 401 asks for new credentials; 402, 403 and 404 and non-retryable
 * server errors will not get better by sending again; any other client error means the request must change.
 */
export function actionOfCode(entry: { readonly category: Category; readonly retryable: boolean; readonly httpStatus: number }): DeviceAction {
  if (entry.category === 'Success') return 'success';
  if (entry.retryable) return 'retry_later';
  if (entry.httpStatus === 401) return 'reauthenticate';
  if (entry.category === 'Server Error' || [402, 403, 404].includes(entry.httpStatus)) return 'give_up';
  return 'fix_request';
}

/**
 * The action of a code added after a target was built, by its category: success succeeds, a client error means the
 * request must change, anything else gives up (only codes the registry marks retryable are retried).
 */
export const ACTION_OF_UNKNOWN_CODE: Readonly<Record<Category, DeviceAction>> = {
  Success: 'success',
  'Client Error': 'fix_request',
  'Server Error': 'give_up',
};

import { ACTION_OF_UNKNOWN_CODE, actionOf, type DeviceAction } from '@iotv1/registry';
import type { Result } from './result.js';

/**
 * What a device does with a result: the device handling rule of the contract, the same answer the C header's
 * `iotv1_handle_response` gives for the same HTTP answer (the HTTP status first, then the code, falling back to
 * the status; a code this client has never seen by its class). No answer at all is retried later when the failure
 * may pass (network, timeout), and given up otherwise (TLS, the caller's abort).
 */
export function deviceAction(result: Result<unknown>): DeviceAction {
  switch (result.kind) {
    case 'success':
      return 'success';
    case 'error':
      return actionOf(result.code);
    case 'unknown':
      // Without a class (an MQTT error type or status this client does not know), the ack's retryable decides.
      if (result.category === null) return result.retryable ? 'retry_later' : 'give_up';
      return ACTION_OF_UNKNOWN_CODE[result.category];
    case 'transport':
      return result.retryable ? 'retry_later' : 'give_up';
  }
}

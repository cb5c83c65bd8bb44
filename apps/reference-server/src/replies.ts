import { type ErrorReply, errorReply } from '@iotv1/validators';
import type { Refusal } from './feed-data.js';

/** The HTTPS reply of a refusal. */
export function refusalReply(refusal: Refusal, requestId: string): ErrorReply {
  const options = { ...(refusal.message !== undefined && { message: refusal.message }), ...(refusal.details !== undefined && { details: refusal.details }) };
  return 'retryAfterSeconds' in refusal
    ? errorReply(refusal.code, requestId, { ...options, retryAfterSeconds: refusal.retryAfterSeconds })
    : errorReply(refusal.code, requestId, options);
}

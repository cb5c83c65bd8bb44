import { ackOutcome, type ContractModel } from '@iotv1/generator-kit';
import type { MqttVector } from './vectors.js';

const MESSAGE_ID = '01J9Z3V8Q6W2T5Y7K4M1N0P8R3';
/** An error type no registry version has: what an older client meets when the platform adds a code. */
const UNKNOWN_ERROR_TYPE = 'conformance_unknown_type';

/**
 * The MQTT vectors: every feed-data status, every error code as a rejection carrying its registry `retryable`, and
 * the rule's edge cases (an error type this registry does not have, a rejection without an error, a status the
 * contract does not have).
 */
export function mqttVectors(model: ContractModel): MqttVector[] {
  const statuses = model.feedDataStatuses.map((status) => status.value);
  const vector = (id: string, about: string, code: number | null, ack: Readonly<Record<string, unknown>>): MqttVector => {
    const error = ack.error as { type?: string } | undefined;
    const outcome = ackOutcome(model.registry, statuses, {
      status: String(ack.status),
      ...(typeof ack.retryable === 'boolean' && { retryable: ack.retryable }),
      ...(error?.type !== undefined && { errorType: error.type }),
    });
    return { id, about, code, ack, expect: outcome };
  };
  const success = model.registry.find((entry) => entry.category === 'Success' && entry.httpFallback) ?? null;
  return [
    ...statuses.map((status) =>
      vector(`mqtt/status/${status}`, `an ack with status ${status} is success`, success?.code ?? null, { message_id: MESSAGE_ID, status, retryable: false }),
    ),
    ...model.registry
      .filter((entry) => entry.errorType !== null)
      .map((entry) =>
        vector(`mqtt/code/${entry.code}`, `${entry.code} ${entry.errorType} as a rejection`, entry.code, {
          message_id: MESSAGE_ID,
          status: 'rejected',
          retryable: entry.retryable,
          error: { type: entry.errorType, message: entry.message },
        }),
      ),
    ...[true, false].map((retryable) =>
      vector(
        `mqtt/unknown-error-type/${retryable ? 'retryable' : 'final'}`,
        `a rejection with an error type this registry does not have, retryable ${retryable}`,
        null,
        {
          message_id: MESSAGE_ID,
          status: 'rejected',
          retryable,
          error: { type: UNKNOWN_ERROR_TYPE, message: 'added after this registry' },
        },
      ),
    ),
    vector('mqtt/rejected-without-error', 'a rejection that names no error type', null, { message_id: MESSAGE_ID, status: 'rejected', retryable: false }),
    vector('mqtt/unknown-status', 'an ack status the contract does not have is no success', null, {
      message_id: MESSAGE_ID,
      status: 'conformance_unknown_status',
      retryable: false,
    }),
  ];
}

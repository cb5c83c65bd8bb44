import { errorTypeOf, isRetryable, ResponseCodes } from '@iotv1/registry';
import { checkAck, type FeedDataAck, messages, type ValidationIssue, validateFeedDataSubmission, validateMessageId } from '@iotv1/validators';
import { Aedes, type AuthenticateError, type Client } from 'aedes';
import type { Device, DeviceDirectory } from './devices.js';
import type { FeedDataService, Refusal } from './feed-data.js';

export interface MqttOptions {
  readonly maxPayloadBytes: number;
  readonly validateAcks: boolean;
  readonly onViolation: (ack: unknown, issues: readonly ValidationIssue[]) => void;
  readonly onError: (error: unknown) => void;
}

/** A device's own topic of a channel: the spec's address with its id. */
const topicOf = (address: string, deviceId: string): string => address.replace('{deviceId}', deviceId);
/** MQTT CONNACK "bad user name or password" (3.1.1) */
const BAD_USERNAME_OR_PASSWORD = 4;

/**
 * The MQTT side of the device API: an embedded broker where each device, authenticated by its id and token, may
 * publish only on its own feed-data topic and subscribe only to its own ack topic, and where every feed-data
 * publish gets exactly one application acknowledgement.
 */
export async function createBroker(devices: DeviceDirectory, feedData: FeedDataService, options: MqttOptions): Promise<Aedes> {
  const clients = new WeakMap<Client, Device>();
  const broker = await Aedes.createBroker({
    authenticate(client, username, password, done) {
      const device = username === undefined ? undefined : devices.byId(username);
      if (device === undefined || password?.toString('utf8') !== device.token) {
        done(Object.assign(new Error('bad device id or token'), { returnCode: BAD_USERNAME_OR_PASSWORD }) as AuthenticateError, false);
        return;
      }
      clients.set(client, device);
      done(null, true);
    },
    authorizePublish(client, packet, callback) {
      const device = client === null ? undefined : clients.get(client);
      // The broker's own acknowledgements have no client; devices may only publish their own feed data.
      if (client === null || (device !== undefined && packet.topic === topicOf(messages.feedData.address, device.id))) callback(null);
      else callback(new Error('a device may only publish on its own feed-data topic'));
    },
    authorizeSubscribe(client, subscription, callback) {
      const device = clients.get(client);
      const allowed = device !== undefined && subscription.topic === topicOf(messages.feedDataAck.address, device.id);
      callback(null, allowed ? subscription : null); // null: the SUBACK refuses it
    },
  });

  const publishAck = (device: Device, ack: FeedDataAck): void => {
    let sent: FeedDataAck = ack;
    if (options.validateAcks) {
      const issues = checkAck(ack);
      if (issues.length > 0) {
        options.onViolation(ack, issues);
        sent = rejectedAck(ack.message_id, { code: ResponseCodes.INTERNAL_ERROR, message: 'unexpected server error' });
      }
    }
    broker.publish(
      {
        cmd: 'publish',
        topic: topicOf(messages.feedDataAck.address, device.id),
        payload: Buffer.from(JSON.stringify(sent)),
        qos: 1,
        retain: false,
        dup: false,
      },
      (error) => error && options.onError(error),
    );
  };

  broker.on('publish', (packet, client) => {
    const device = client === null ? undefined : clients.get(client);
    if (device === undefined || packet.topic !== topicOf(messages.feedData.address, device.id)) return;
    acknowledge(device, packet.payload, feedData, options.maxPayloadBytes)
      .catch((error: unknown) => {
        options.onError(error);
        return rejectedAck(messageIdOf(packet.payload), { code: ResponseCodes.INTERNAL_ERROR, message: 'unexpected server error' });
      })
      .then((ack) => publishAck(device, ack));
  });
  return broker;
}

/** The acknowledgement of one feed-data publish. */
async function acknowledge(device: Device, payload: Buffer | string, feedData: FeedDataService, maxPayloadBytes: number): Promise<FeedDataAck> {
  if (Buffer.byteLength(payload) > maxPayloadBytes) {
    return rejectedAck(messageIdOf(payload), { code: ResponseCodes.PAYLOAD_TOO_LARGE, message: `payload exceeds ${maxPayloadBytes} bytes` });
  }
  let data: unknown;
  try {
    data = JSON.parse(payload.toString());
  } catch {
    return rejectedAck('', { code: ResponseCodes.BAD_REQUEST, message: 'payload is not valid JSON' });
  }
  const submission = validateFeedDataSubmission(data);
  if (!submission.ok) return rejectedAck(messageIdOf(payload), { code: ResponseCodes.VALIDATION_FAILED, message: submission.issues[0]?.message ?? 'invalid' });
  const refusal = feedData.admit(device);
  if (refusal !== undefined) return rejectedAck(submission.value.message_id, refusal);
  const outcome = await feedData.submit(device, submission.value);
  return outcome.ok
    ? { message_id: submission.value.message_id, status: outcome.status, retryable: false }
    : rejectedAck(submission.value.message_id, outcome.refusal);
}

/** A rejection carries the registry's error type and retryable flag of the refusal's code, never a number. */
function rejectedAck(messageId: string, refusal: Pick<Refusal, 'code' | 'message'>): FeedDataAck {
  const type = errorTypeOf(refusal.code)!;
  return {
    message_id: messageId,
    status: 'rejected',
    retryable: isRetryable(refusal.code),
    error: { type, ...(refusal.message !== undefined && { message: refusal.message }) },
  };
}

/** The message id of a payload when it has a readable one, else `""` (the ack schema's "no readable id"). */
function messageIdOf(payload: Buffer | string): string {
  try {
    const id = validateMessageId((JSON.parse(payload.toString()) as { message_id?: unknown }).message_id);
    return id.ok ? id.value : '';
  } catch {
    return '';
  }
}

import { Socket } from 'node:net';
import { errorTypeOf, isRetryable, ResponseCodes } from '@iotv1/registry';
import { checkAck, type FeedDataAck, messages, type ValidationIssue, validateFeedDataSubmission, validateMessageId } from '@iotv1/validators';
import { Aedes, type AuthenticateError, type Client } from 'aedes';
import type { MqttLimits } from './config.js';
import type { Device, DeviceDirectory } from './devices.js';
import type { InFlight } from './drain.js';
import type { FeedDataService, Refusal } from './feed-data.js';
import { limitPacketSize } from './mqtt-frames.js';
import { OfflineSessions } from './mqtt-sessions.js';

export interface MqttOptions {
  readonly maxPayloadBytes: number;
  readonly limits: MqttLimits;
  readonly validateAcks: boolean;
  readonly onViolation: (ack: unknown, issues: readonly ValidationIssue[]) => void;
  readonly onError: (error: unknown) => void;
  /** Each feed-data publish counts here until its ack is handed to the broker, so that a shutdown lets it finish. */
  readonly inFlight: InFlight;
}

/** A device's own topic of a channel: the spec's address with its id. */
const topicOf = (address: string, deviceId: string): string => address.replace('{deviceId}', deviceId);
/**
 * The broker's id of a device's session: the device id is part of it, so a client id only ever names a session of
 * the device that authenticated, and no device can resume, take over or disconnect another's session by reusing its
 * client id. Namespacing rather than refusing ids in use: a refusal would tell a device which ids others use and let
 * it squat on them first. The length prefix keeps (device, client id) pairs apart whatever characters they hold.
 */
const sessionIdOf = (device: Device, clientId: string): string => `${device.id.length}:${device.id}:${clientId}`;
/** MQTT CONNACK "bad user name or password" (3.1.1) */
const BAD_USERNAME_OR_PASSWORD = 4;

/**
 * The MQTT side of the device API: an embedded broker where each device, authenticated by its id and token, may
 * publish only on its own feed-data topic and subscribe only to its own ack topic, and where every feed-data
 * publish gets exactly one application acknowledgement.
 */
export async function createBroker(devices: DeviceDirectory, feedData: FeedDataService, options: MqttOptions): Promise<Aedes> {
  const { limits } = options;
  if (limits.maxPacketBytes <= options.maxPayloadBytes) throw new Error('the MQTT packet limit must exceed the payload limit, or no refusal can be read');
  const clients = new WeakMap<Client, Device>();
  const broker = await Aedes.createBroker({
    connectTimeout: limits.connectTimeoutMs,
    authenticate(client, username, password, done) {
      const device = username === undefined ? undefined : devices.byId(username);
      if (device === undefined || password?.toString('utf8') !== device.token) {
        done(Object.assign(new Error('bad device id or token'), { returnCode: BAD_USERNAME_OR_PASSWORD }) as AuthenticateError, false);
        return;
      }
      clients.set(client, device);
      client.id = sessionIdOf(device, client.id);
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

  // Until a device has authenticated, every packet must fit the connect limit: nobody unknown makes the broker buffer
  // much. And no connection, authenticated or not, stays open by saying nothing past the idle bound.
  const handle = broker.handle;
  broker.handle = (conn, request) => {
    const client = handle(conn, request);
    limitPacketSize(conn, () => (clients.has(client) ? limits.maxPacketBytes : limits.maxConnectPacketBytes));
    if (conn instanceof Socket) conn.setTimeout(limits.idleMs, () => conn.destroy());
    return client;
  };

  const sessions = new OfflineSessions(broker, limits, options.onError);
  // 'client' follows the disconnect of a connection it takes over, so a session's last event tells where it is.
  broker.on('client', (client) => sessions.cameOnline(client.id));
  broker.on('clientDisconnect', (client) => {
    const device = clients.get(client);
    if (device !== undefined && !client.clean) sessions.wentOffline(client.id, device.id);
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
    // An ack names the message it acknowledges: a payload without a readable message_id cannot get one.
    const messageId = messageIdOf(packet.payload);
    if (messageId === undefined) return;
    const acknowledged = acknowledge(device, packet.payload, messageId, feedData, options.maxPayloadBytes)
      .catch((error: unknown) => {
        options.onError(error);
        return rejectedAck(messageId, { code: ResponseCodes.INTERNAL_ERROR, message: 'unexpected server error' });
      })
      .then((ack) => publishAck(device, ack));
    options.inFlight.track(acknowledged);
  });
  return broker;
}

/** The acknowledgement of one feed-data publish whose message id could be read. */
async function acknowledge(
  device: Device,
  payload: Buffer | string,
  messageId: string,
  feedData: FeedDataService,
  maxPayloadBytes: number,
): Promise<FeedDataAck> {
  if (Buffer.byteLength(payload) > maxPayloadBytes) {
    return rejectedAck(messageId, { code: ResponseCodes.PAYLOAD_TOO_LARGE, message: `payload exceeds ${maxPayloadBytes} bytes` });
  }
  const submission = validateFeedDataSubmission(JSON.parse(payload.toString()));
  if (!submission.ok) return rejectedAck(messageId, { code: ResponseCodes.VALIDATION_FAILED, message: submission.issues[0]?.message ?? 'invalid' });
  const refusal = feedData.admit(device);
  if (refusal !== undefined) return rejectedAck(messageId, refusal);
  const outcome = await feedData.submit(device, submission.value);
  return outcome.ok ? { message_id: messageId, status: outcome.status, retryable: false } : rejectedAck(messageId, outcome.refusal);
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

/**
 * The message id of a payload, when it is JSON with a valid `message_id`. An oversized payload is still read for
 * it, so that the device learns why its message was refused: the packet limit bounds what is read.
 */
function messageIdOf(payload: Buffer | string): string | undefined {
  try {
    const id = validateMessageId((JSON.parse(payload.toString()) as { message_id?: unknown }).message_id);
    return id.ok ? id.value : undefined;
  } catch {
    return undefined;
  }
}

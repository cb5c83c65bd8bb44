import { codeForErrorType, FEED_DATA_STATUSES, type FeedDataStatus, lookupCode, ResponseCodes } from '@iotv1/registry';
import { connectAsync, type IClientOptions, type MqttClient } from 'mqtt';
import type { FeedDataAck } from './gen/mqtt-types.js';
import { type ApplicationError, type Result, transportFailure } from './result.js';
import { DEFAULT_RETRY, type RetryPolicy, withRetries } from './retry.js';

/** An acknowledgement that accepted the message. */
export type AcceptedAck = FeedDataAck & { readonly status: FeedDataStatus };

/** Either the caller's connection or what the client needs to make one. */
export type DeviceOptions = {
  readonly deviceId: string;
  /** How long to wait for the application acknowledgement of one publish. @default 10000 */
  readonly ackTimeoutMs?: number;
  readonly retry?: Partial<RetryPolicy>;
} & (
  | {
      /** A connected client of the caller's; the device subscribes to its ack topic on it and never ends it. */
      readonly client: MqttClient;
    }
  | {
      /** The broker to connect to as the device (user name = device id, password = token). */
      readonly url: string;
      readonly token?: string;
      /** More mqtt.js options for the connection the client makes. */
      readonly mqtt?: IClientOptions;
    }
);

export interface PublishOptions {
  readonly signal?: AbortSignal;
  readonly ackTimeoutMs?: number;
  readonly retry?: Partial<RetryPolicy>;
}

/** A device on the broker, listening to its own ack topic. */
export interface DeviceConnection {
  readonly deviceId: string;
  readonly client: MqttClient;
  /** Publishes (QoS 1) and resolves with the acknowledgement correlated by `message_id`, as a result. */
  publish(topic: string, payload: { readonly message_id: string }, options?: PublishOptions): Promise<Result<AcceptedAck>>;
  /** Stops listening; ends the connection only when the client made it. */
  close(): Promise<void>;
}

type Waiter = (ack: FeedDataAck) => void;

/**
 * Connects (or adopts `options.client`) and subscribes to the device's ack topic (`ackAddress` with its id).
 * Rejects when the broker refuses the connection or the subscription.
 */
export async function openDevice(options: DeviceOptions, ackAddress: string): Promise<DeviceConnection> {
  const { deviceId } = options;
  const adopted = 'client' in options;
  const client = adopted
    ? options.client
    : await connectAsync(options.url, { username: deviceId, ...(options.token !== undefined && { password: options.token }), ...options.mqtt });
  const ackTopic = topicOf(ackAddress, deviceId);
  // Waiters per message id, oldest first: the same message published twice gets two acks, in order.
  const waiting = new Map<string, Waiter[]>();
  const onMessage = (topic: string, payload: Buffer): void => {
    if (topic !== ackTopic) return;
    let ack: FeedDataAck;
    try {
      ack = JSON.parse(payload.toString()) as FeedDataAck;
    } catch {
      return; // not an ack of ours: nothing to correlate it with
    }
    waiting.get(ack.message_id)?.[0]?.(ack);
  };
  client.on('message', onMessage);
  const [granted] = await client.subscribeAsync(ackTopic, { qos: 1 });
  if (granted === undefined || granted.qos === 128) {
    client.off('message', onMessage);
    throw new Error(`the broker refused the subscription to ${ackTopic}`);
  }

  const attempt = (topic: string, text: string, id: string, timeoutMs: number, signal: AbortSignal | undefined) =>
    new Promise<Result<AcceptedAck>>((resolve) => {
      const finish = (result: Result<AcceptedAck>): void => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        const queue = (waiting.get(id) ?? []).filter((other) => other !== waiter);
        if (queue.length === 0) waiting.delete(id);
        else waiting.set(id, queue);
        resolve(result);
      };
      const waiter: Waiter = (ack) => finish(fromAck(ack));
      const onAbort = (): void => finish(transportFailure('abort', signal?.reason));
      const timer = setTimeout(() => finish(transportFailure('timeout', new Error(`no acknowledgement within ${timeoutMs} ms`))), timeoutMs);
      waiting.set(id, [...(waiting.get(id) ?? []), waiter]);
      signal?.addEventListener('abort', onAbort);
      client.publish(topic, text, { qos: 1 }, (error) => {
        if (error) finish(transportFailure('network', error));
      });
    });

  return {
    deviceId,
    client,
    publish(topic, payload, call = {}) {
      const text = JSON.stringify(payload); // every attempt publishes the same bytes, so a retry is idempotent
      const timeoutMs = call.ackTimeoutMs ?? options.ackTimeoutMs ?? 10_000;
      return withRetries({ ...DEFAULT_RETRY, ...options.retry, ...call.retry }, call.signal, () =>
        attempt(topic, text, payload.message_id, timeoutMs, call.signal),
      );
    },
    async close() {
      client.off('message', onMessage);
      if (adopted) await client.unsubscribeAsync(ackTopic);
      else await client.endAsync();
    },
  };
}

/** A topic of the device: the spec's address with its id. */
export function topicOf(address: string, deviceId: string): string {
  return address.replace('{deviceId}', deviceId);
}

const isFeedDataStatus = (status: unknown): status is FeedDataStatus => (FEED_DATA_STATUSES as readonly unknown[]).includes(status);

/**
 * The MQTT handling rules: the ack's `status` (a feed-data status is success), its `retryable`, and, for a
 * rejection, `error.type` mapped back to its registry code; an error type or a status this client does not know
 * is an unknown answer.
 */
export function fromAck(ack: FeedDataAck): Result<AcceptedAck> {
  const answer = { httpStatus: null, requestId: null, attempts: 1, retryable: ack.retryable === true };
  if (isFeedDataStatus(ack.status))
    return { ...answer, kind: 'success', code: ResponseCodes.OK, status: ack.status, body: ack as AcceptedAck, retryable: false };
  const errorType = ack.error?.type ?? null;
  const code = errorType === null || ack.status !== 'rejected' ? undefined : codeForErrorType(errorType);
  const message = ack.error?.message;
  if (code !== undefined && code !== ResponseCodes.OK) {
    const entry = lookupCode(code);
    return { ...answer, kind: 'error', code, errorType, message: message ?? entry.message, details: {}, retryAfterMs: null } as ApplicationError;
  }
  return { ...answer, kind: 'unknown', code: null, receivedCode: null, category: null, errorType, message: message ?? 'rejected', details: {}, body: ack };
}

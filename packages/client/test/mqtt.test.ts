import type { RunningServer } from '@iotv1/reference-server';
import { ResponseCodes } from '@iotv1/registry';
import mqtt from 'mqtt';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { connectDevice, publishFeedData, TOPICS } from '../src/mqtt.js';
import { feedData, startServer } from './support.js';

/** Feed data through the reference server's MQTT broker, each publish answered by its acknowledgement. */
let server: RunningServer;

beforeAll(async () => {
  server = await startServer({ rateLimit: { capacity: 3, perSecond: 0.2 } });
});
afterAll(() => server.close());
afterEach(() => expect(server.violations).toEqual([]));

const connect = (deviceId: string) => connectDevice({ url: server.mqttUrl, deviceId, token: `token-${deviceId}`, mqtt: { reconnectPeriod: 0 } });

describe('MQTT feed data', () => {
  it('publishes with QoS 1 and maps the correlated ack: created, then idempotent for the same message', async () => {
    const device = await connect('dev-0001');
    try {
      const message = feedData('mqtt-1');
      expect(await publishFeedData(device, message)).toMatchObject({
        kind: 'success',
        code: ResponseCodes.OK,
        status: 'created',
        body: { message_id: 'mqtt-1' },
        httpStatus: null,
      });
      expect(await publishFeedData(device, message)).toMatchObject({ kind: 'success', status: 'idempotent', attempts: 1 });
      expect(await server.store.records('dev-0001')).toHaveLength(1);
    } finally {
      await device.close();
    }
  });

  it('correlates concurrent publishes by message id', async () => {
    const device = await connect('dev-deferred');
    try {
      const results = await Promise.all(['a', 'b'].map((id) => publishFeedData(device, feedData(`mqtt-${id}`))));
      expect(results.map((r) => r.kind === 'success' && [r.status, r.body.message_id])).toEqual([
        ['processed', 'mqtt-a'],
        ['processed', 'mqtt-b'],
      ]);
    } finally {
      await device.close();
    }
  });

  it('maps a rejection to its registry code through error.type, and never retries a final one', async () => {
    const blocked = await connect('dev-blocked');
    const unlicensed = await connect('dev-unlicensed');
    try {
      expect(await publishFeedData(blocked, feedData('mqtt-4003'))).toMatchObject({
        kind: 'error',
        code: ResponseCodes.FORBIDDEN,
        errorType: 'forbidden',
        retryable: false,
        attempts: 1,
      });
      expect(await publishFeedData(unlicensed, feedData('mqtt-4002'))).toMatchObject({ kind: 'error', code: ResponseCodes.PAYMENT_REQUIRED, attempts: 1 });
    } finally {
      await blocked.close();
      await unlicensed.close();
    }
  });

  it('gives up on a retryable rejection when the policy is spent', async () => {
    const device = await connect('dev-0002');
    try {
      const results = [];
      for (const id of ['r1', 'r2', 'r3', 'r4'])
        results.push(await publishFeedData(device, feedData(`mqtt-${id}`), { retry: { maxAttempts: 2, baseDelayMs: 1 } }));
      expect(results.at(-1)).toMatchObject({ kind: 'error', code: ResponseCodes.RATE_LIMITED, errorType: 'rate_limited', retryable: true, attempts: 2 });
    } finally {
      await device.close();
    }
  });

  it('times out when no ack comes, and stops at once on abort', async () => {
    // The caller's own connection, without the ack subscription behind the client's back: no ack can arrive.
    const client = await mqtt.connectAsync(server.mqttUrl, { username: 'dev-0001', password: 'token-dev-0001', reconnectPeriod: 0 });
    const device = await connectDevice({ client, deviceId: 'dev-0001' });
    try {
      await client.unsubscribeAsync(TOPICS.feedDataAck.replace('{deviceId}', 'dev-0001'));
      expect(await publishFeedData(device, feedData('mqtt-timeout'), { ackTimeoutMs: 100, retry: { maxAttempts: 2, baseDelayMs: 1 } })).toMatchObject({
        kind: 'transport',
        reason: 'timeout',
        attempts: 2,
      });
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 50);
      expect(await publishFeedData(device, feedData('mqtt-abort'), { ackTimeoutMs: 5000, signal: controller.signal })).toMatchObject({
        kind: 'transport',
        reason: 'abort',
        attempts: 1,
      });
      await device.close();
      expect(client.connected).toBe(true); // the caller's connection stays open
    } finally {
      await client.endAsync();
    }
  });
});

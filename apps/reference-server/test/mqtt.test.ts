import mqtt from 'mqtt';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../src/server.js';
import { connectDevice, feedData, publishAndAwaitAck, startServer } from './support.js';

let server: RunningServer;

beforeAll(async () => {
  server = await startServer({ rateLimit: { capacity: 3, perSecond: 0.01 }, maxPayloadBytes: 4096 });
});
afterAll(() => server.close());
afterEach(() => expect(server.violations).toEqual([]));

describe('MQTT through the embedded broker', () => {
  it('acknowledges each feed-data publish once on the device ack topic: created, then idempotent', async () => {
    const client = await connectDevice(server, 'dev-0001');
    await client.subscribeAsync('iot/v1/devices/dev-0001/ack', { qos: 1 });
    const acks: unknown[] = [];
    client.on('message', (_topic, payload) => acks.push(JSON.parse(payload.toString())));
    const message = JSON.stringify(feedData('mqtt-1'));
    expect(await publishAndAwaitAck(client, 'dev-0001', message, 'mqtt-1')).toEqual({ message_id: 'mqtt-1', status: 'created', retryable: false });
    expect(await publishAndAwaitAck(client, 'dev-0001', message, 'mqtt-1')).toEqual({ message_id: 'mqtt-1', status: 'idempotent', retryable: false });
    expect(acks).toHaveLength(2);
    expect((await server.store.records('dev-0001')).filter((r) => r.messageId === 'mqtt-1')).toHaveLength(1);
    await client.endAsync();
  });

  it.each([
    ['a conflicting message', JSON.stringify(feedData('mqtt-1', [{ feed: 'temperature', value: 1 }])), 'mqtt-1', 'conflict', false],
    ['a schema violation', JSON.stringify({ message_id: 'mqtt-bad', readings: [] }), 'mqtt-bad', 'validation_failed', false],
    ['a forbidden feed', JSON.stringify(feedData('mqtt-cam', [{ feed: 'camera.raw', value: 1 }])), 'mqtt-cam', 'forbidden', false],
    ['a payload over the limit', JSON.stringify(feedData('mqtt-big', [{ feed: 'x', value: 'y'.repeat(5000) }])), 'mqtt-big', 'payload_too_large', false],
  ] as const)('rejects %s with its error type', async (_name, payload, messageId, errorType, retryable) => {
    const client = await connectDevice(server, 'dev-0002');
    await client.subscribeAsync('iot/v1/devices/dev-0002/ack', { qos: 1 });
    if (messageId === 'mqtt-1') await publishAndAwaitAck(client, 'dev-0002', JSON.stringify(feedData('mqtt-1')), 'mqtt-1');
    const ack = await publishAndAwaitAck(client, 'dev-0002', payload, messageId);
    expect(ack).toMatchObject({ message_id: messageId, status: 'rejected', retryable, error: { type: errorType } });
    await client.endAsync();
  });

  it('cannot acknowledge a payload without a readable message id, and goes on with the next message', async () => {
    const client = await connectDevice(server, 'dev-0001');
    await client.subscribeAsync('iot/v1/devices/dev-0001/ack', { qos: 1 });
    const acks: unknown[] = [];
    client.on('message', (_topic, payload) => acks.push(JSON.parse(payload.toString())));
    await client.publishAsync('iot/v1/devices/dev-0001/feed-data', '{"message_id": "not-json"', { qos: 1 });
    await client.publishAsync('iot/v1/devices/dev-0001/feed-data', JSON.stringify({ readings: [] }), { qos: 1 });
    expect(await publishAndAwaitAck(client, 'dev-0001', JSON.stringify(feedData('after-garbage')), 'after-garbage')).toMatchObject({ status: 'created' });
    expect(acks).toEqual([{ message_id: 'after-garbage', status: 'created', retryable: false }]);
    await client.endAsync();
  });

  it('rejects over the rate limit as retryable, and in maintenance as retryable service_unavailable', async () => {
    const client = await connectDevice(server, 'dev-deferred');
    await client.subscribeAsync('iot/v1/devices/dev-deferred/ack', { qos: 1 });
    const statuses: unknown[] = [];
    for (let i = 0; i < 4; i++) statuses.push(await publishAndAwaitAck(client, 'dev-deferred', JSON.stringify(feedData(`rate-${i}`)), `rate-${i}`));
    expect(statuses.slice(0, 3)).toEqual([0, 1, 2].map((i) => ({ message_id: `rate-${i}`, status: 'processed', retryable: false })));
    expect(statuses[3]).toMatchObject({ status: 'rejected', retryable: true, error: { type: 'rate_limited' } });
    server.setMaintenance(60);
    try {
      expect(await publishAndAwaitAck(client, 'dev-deferred', JSON.stringify(feedData('maint-1')), 'maint-1')).toMatchObject({
        status: 'rejected',
        retryable: true,
        error: { type: 'service_unavailable' },
      });
    } finally {
      server.setMaintenance(null);
    }
    await client.endAsync();
  });

  it('refuses a wrong token at connect', async () => {
    await expect(mqtt.connectAsync(server.mqttUrl, { username: 'dev-0001', password: 'nope', reconnectPeriod: 0 })).rejects.toThrow(
      /Bad username or password/i,
    );
  });

  it("refuses a subscription to another device's ack topic, and to wildcards", async () => {
    const client = await connectDevice(server, 'dev-0001');
    for (const topic of ['iot/v1/devices/dev-0002/ack', 'iot/v1/devices/+/ack', '#', 'iot/v1/devices/dev-0001/feed-data']) {
      await expect(client.subscribeAsync(topic, { qos: 1 }), topic).rejects.toThrow(/Subscribe error/); // SUBACK 0x80
    }
    expect((await client.subscribeAsync('iot/v1/devices/dev-0001/ack', { qos: 1 })).map((g) => g.qos)).toEqual([1]);
    await client.endAsync();
  });

  it("refuses a publish on another device's topic: nothing is stored and no ack is sent", async () => {
    const victim = await connectDevice(server, 'dev-0002');
    await victim.subscribeAsync('iot/v1/devices/dev-0002/ack', { qos: 1 });
    const victimAcks: unknown[] = [];
    victim.on('message', (_t, payload) => victimAcks.push(JSON.parse(payload.toString())));
    const intruder = await connectDevice(server, 'dev-0001');
    const closed = new Promise<void>((resolve) => intruder.once('close', () => resolve()));
    intruder.publish('iot/v1/devices/dev-0002/feed-data', JSON.stringify(feedData('intrusion-1')), { qos: 1 });
    await closed; // the broker drops a client that publishes where it may not
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(victimAcks).toEqual([]);
    expect((await server.store.records('dev-0002')).some((r) => r.messageId === 'intrusion-1')).toBe(false);
    await intruder.endAsync(true);
    await victim.endAsync();
  });
});

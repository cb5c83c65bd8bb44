import { connect as connectTcp, type Socket } from 'node:net';
import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../src/config.js';
import type { RunningServer } from '../src/server.js';
import { feedData, publishAndAwaitAck, startServer } from './support.js';

let server: RunningServer;

beforeAll(async () => {
  server = await startServer({ rateLimit: { capacity: 1000, perSecond: 1000 } });
});
afterAll(() => server.close());
afterEach(() => expect(server.violations).toEqual([]));

const ackTopic = (deviceId: string) => `iot/v1/devices/${deviceId}/ack`;

/** A device connection with a chosen client id and session kind. */
function connectAs(target: RunningServer, deviceId: string, clientId: string, clean: boolean): Promise<MqttClient> {
  return mqtt.connectAsync(target.mqttUrl, { username: deviceId, password: `token-${deviceId}`, clientId, clean, reconnectPeriod: 0, connectTimeout: 5000 });
}

/** Every message a client gets within `ms`. */
async function messagesWithin(client: MqttClient, ms: number): Promise<unknown[]> {
  const seen: unknown[] = [];
  client.on('message', (_topic, payload) => seen.push(JSON.parse(payload.toString())));
  await new Promise((resolve) => setTimeout(resolve, ms));
  return seen;
}

/** Resolves with how long the server took to close a raw socket, or rejects after `ms`. */
function closedWithin(socket: Socket, ms: number): Promise<number> {
  const start = Date.now();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`socket still open after ${ms} ms`)), ms);
    socket.once('close', () => {
      clearTimeout(timer);
      resolve(Date.now() - start);
    });
  });
}

/** A feed-data payload of about `bytes` bytes whose message id is readable. */
const bigPayload = (messageId: string, bytes: number) => JSON.stringify(feedData(messageId, [{ feed: 'temperature', value: 'x'.repeat(bytes) }]));

describe('MQTT identity: a client id names a session of the device that authenticated only', () => {
  it("cannot resume another device's persistent session or receive its queued acks", async () => {
    const owner = await connectAs(server, 'dev-0002', 'persistent-0002', false);
    await owner.subscribeAsync(ackTopic('dev-0002'), { qos: 1 });
    await owner.endAsync();
    const sender = await connectAs(server, 'dev-0002', 'sender-0002', true);
    await sender.subscribeAsync(ackTopic('dev-0002'), { qos: 1 });
    for (let i = 0; i < 3; i++) await publishAndAwaitAck(sender, 'dev-0002', JSON.stringify(feedData(`queued-${i}`)), `queued-${i}`);
    await sender.endAsync();

    const intruder = await connectAs(server, 'dev-0001', 'persistent-0002', false);
    expect(await messagesWithin(intruder, 300)).toEqual([]);
    await intruder.endAsync();

    const resumed = await connectAs(server, 'dev-0002', 'persistent-0002', false);
    const acks = (await messagesWithin(resumed, 300)) as { message_id: string }[];
    expect(acks.map((ack) => ack.message_id).sort()).toEqual(['queued-0', 'queued-1', 'queued-2']);
    await resumed.endAsync();
  });

  it("cannot take over another device's live connection by its client id", async () => {
    const victim = await connectAs(server, 'dev-0002', 'live-0002', true);
    await victim.subscribeAsync(ackTopic('dev-0002'), { qos: 1 });
    let victimClosed = false;
    victim.once('close', () => {
      victimClosed = true;
    });
    const intruder = await connectAs(server, 'dev-0001', 'live-0002', true);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(victimClosed).toBe(false);
    expect(await publishAndAwaitAck(victim, 'dev-0002', JSON.stringify(feedData('still-here')), 'still-here')).toMatchObject({ status: 'created' });
    await intruder.endAsync();
    await victim.endAsync();
  });
});

describe('MQTT packet limits, from the fixed header', () => {
  it('closes an unauthenticated socket whose CONNECT claims 268,435,455 bytes, before reading it', async () => {
    const { port } = new URL(server.mqttUrl);
    const socket = connectTcp(Number(port), '127.0.0.1');
    socket.on('error', () => {}); // writes after the server closed fail: that is the point
    await new Promise<void>((resolve) => socket.once('connect', resolve));
    const closed = closedWithin(socket, 2000);
    socket.write(Buffer.from([0x10, 0xff, 0xff, 0xff, 0x7f])); // CONNECT, remaining length 268,435,455
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    // Bounded streaming: at most 32 MiB, stopping as soon as the server closes the socket.
    for (let i = 0; i < 512 && !socket.destroyed && socket.writable; i++) {
      if (!socket.write(chunk)) await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await closed;
    socket.destroy();
  });

  it('closes the connection of a device whose packet exceeds the packet limit, without an ack', async () => {
    const strict = await startServer({ maxPayloadBytes: 4096, mqtt: { ...testConfig().mqtt, maxPacketBytes: 64 * 1024 } });
    try {
      const client = await connectAs(strict, 'dev-0001', 'over-packet', true);
      await client.subscribeAsync(ackTopic('dev-0001'), { qos: 1 });
      const acks: unknown[] = [];
      client.on('message', (_topic, payload) => acks.push(JSON.parse(payload.toString())));
      const closed = new Promise<void>((resolve) => client.once('close', () => resolve()));
      client.publish('iot/v1/devices/dev-0001/feed-data', bigPayload('over-packet', 100 * 1024), { qos: 1 });
      await closed;
      expect(acks).toEqual([]);
      expect((await strict.store.records('dev-0001')).length).toBe(0);
      await client.endAsync(true);
    } finally {
      await strict.close();
    }
  });

  it.each([
    ['1.1 MB', 1_100_000],
    ['10 MB', 10_000_000],
  ])('answers a %s payload with a readable message id with payload_too_large', async (_name, bytes) => {
    const client = await connectAs(server, 'dev-0001', `big-${bytes}`, true);
    await client.subscribeAsync(ackTopic('dev-0001'), { qos: 1 });
    expect(await publishAndAwaitAck(client, 'dev-0001', bigPayload(`big-${bytes}`, bytes), `big-${bytes}`)).toMatchObject({
      message_id: `big-${bytes}`,
      status: 'rejected',
      retryable: false,
      error: { type: 'payload_too_large' },
    });
    await client.endAsync();
  });
});

describe('MQTT offline sessions are bounded', () => {
  /** Opens `count` persistent sessions of a device subscribed to its ack topic, then leaves them offline. */
  async function leaveOffline(target: RunningServer, deviceId: string, count: number): Promise<string[]> {
    const ids = Array.from({ length: count }, (_, i) => `offline-${i}`);
    for (const id of ids) {
      const session = await connectAs(target, deviceId, id, false);
      await session.subscribeAsync(ackTopic(deviceId), { qos: 1 });
      await session.endAsync();
    }
    return ids;
  }

  async function publishAll(target: RunningServer, deviceId: string, prefix: string, count: number): Promise<void> {
    const sender = await connectAs(target, deviceId, 'sender', true);
    await sender.subscribeAsync(ackTopic(deviceId), { qos: 1 });
    for (let i = 0; i < count; i++) await publishAndAwaitAck(sender, deviceId, JSON.stringify(feedData(`${prefix}-${i}`)), `${prefix}-${i}`);
    await sender.endAsync();
  }

  it("caps the acks queued for a device's offline sessions, all sessions together", async () => {
    const capped = await startServer({ rateLimit: { capacity: 1000, perSecond: 1000 }, mqtt: { ...testConfig().mqtt, maxQueuedAcksPerDevice: 5 } });
    try {
      const ids = await leaveOffline(capped, 'dev-0001', 3);
      await publishAll(capped, 'dev-0001', 'capped', 10);
      let replayed = 0;
      for (const id of ids) {
        const session = await connectAs(capped, 'dev-0001', id, false);
        replayed += (await messagesWithin(session, 200)).length;
        await session.endAsync();
      }
      expect(replayed).toBe(5); // without a cap: 3 sessions x 10 acks
    } finally {
      await capped.close();
    }
  });

  it('expires a persistent session left offline: its queued acks are dropped and nothing more is queued', async () => {
    const expiring = await startServer({ rateLimit: { capacity: 1000, perSecond: 1000 }, mqtt: { ...testConfig().mqtt, sessionExpiryMs: 400 } });
    try {
      const [id] = await leaveOffline(expiring, 'dev-0001', 1);
      await publishAll(expiring, 'dev-0001', 'before-expiry', 2); // queued while the session lives
      await new Promise((resolve) => setTimeout(resolve, 600));
      await publishAll(expiring, 'dev-0001', 'after-expiry', 1); // after it expired
      const session = await connectAs(expiring, 'dev-0001', id!, false);
      expect(await messagesWithin(session, 200)).toEqual([]);
      await session.endAsync();
    } finally {
      await expiring.close();
    }
  });
});

describe('MQTT deadlines: no socket stays open by saying nothing', () => {
  let strict: RunningServer;
  beforeAll(async () => {
    strict = await startServer({ mqtt: { ...testConfig().mqtt, connectTimeoutMs: 500, idleMs: 800 } });
  });
  afterAll(() => strict.close());

  it('closes a TCP connection that sends no CONNECT within the connect timeout', async () => {
    const socket = connectTcp(Number(new URL(strict.mqttUrl).port), '127.0.0.1');
    socket.on('error', () => {});
    expect(await closedWithin(socket, 5000)).toBeGreaterThanOrEqual(400);
  });

  it('closes an authenticated connection silent past the idle bound, keep-alive 0 included', async () => {
    const device = await mqtt.connectAsync(strict.mqttUrl, { username: 'dev-0001', password: 'token-dev-0001', keepalive: 0, reconnectPeriod: 0 });
    const started = Date.now();
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('still connected after 5 s')), 5000);
      device.stream.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(700);
    await device.endAsync(true);
  });
});

import type { RunningServer } from '../src/server.js';
import type { FeedStore } from '../src/store.js';
import { call, connectDevice, feedData, type HttpReply, publishAndAwaitAck, startServer } from './support.js';

/*
 * How to make the reference server give each answer of the conformance vectors: over a real TLS request, by
 * registry code; over MQTT, by vector id (code 2000 has three ack statuses). A vector without a trigger here is
 * reported as one to write, never as a failure.
 */

/** The servers the triggers need; each trigger picks its own. */
export interface Servers {
  /** A tight rate limit, so that 4029 comes within a few requests. */
  readonly server: RunningServer;
  /** Its store fails every write: the unexpected failure of 5000. */
  readonly failing: RunningServer;
  /** The default rate limit: room for every MQTT trigger on one device. */
  readonly relaxed: RunningServer;
}

export type HttpsTrigger = (servers: Servers) => Promise<HttpReply>;
export type Ack = Readonly<Record<string, unknown>>;
export type AckTrigger = (servers: Servers) => Promise<Ack>;

export async function startServers(): Promise<Servers> {
  const brokenStore: FeedStore = {
    put: () => Promise.reject(new Error('disk on fire')),
    records: () => Promise.resolve([]),
    close: () => Promise.resolve(),
  };
  const [server, failing, relaxed] = await Promise.all([
    startServer({ rateLimit: { capacity: 5, perSecond: 0.5 } }),
    startServer({}, { store: brokenStore }),
    startServer(),
  ]);
  return { server, failing, relaxed };
}

const path = (deviceId = 'dev-0001') => `/iot/v1/devices/${deviceId}/feed-data`;

export const httpsTriggers: Readonly<Record<number, HttpsTrigger>> = {
  2000: ({ server }) => call(server, 'POST', path(), { json: feedData('code-2000') }),
  4000: ({ server }) => call(server, 'POST', path(), { raw: '{"message_id": "x", ' }),
  4001: ({ server }) => call(server, 'POST', path(), { token: null, json: feedData('code-4001') }),
  4002: ({ server }) => call(server, 'POST', path('dev-unlicensed'), { token: 'token-dev-unlicensed', json: feedData('code-4002') }),
  4003: ({ server }) => call(server, 'POST', path('dev-blocked'), { token: 'token-dev-blocked', json: feedData('code-4003') }),
  4004: ({ server }) => call(server, 'POST', path('dev-9999'), { json: feedData('code-4004') }),
  4009: async ({ server }) => {
    await call(server, 'POST', path(), { json: feedData('code-4009') });
    return call(server, 'POST', path(), { json: feedData('code-4009', [{ feed: 'temperature', value: 99 }]) });
  },
  4013: ({ server }) => call(server, 'POST', path(), { json: feedData('code-4013', [{ feed: 'temperature', value: 'x'.repeat(70_000) }]) }),
  4015: ({ server }) => call(server, 'POST', path(), { raw: 'message_id=1', contentType: 'application/x-www-form-urlencoded' }),
  4022: ({ server }) => call(server, 'POST', path(), { json: { message_id: 'code-4022', readings: [] } }),
  4029: async ({ server }) => {
    let reply: HttpReply;
    do reply = await call(server, 'GET', '/iot/v1/devices/dev-0002/config', { token: 'token-dev-0002' });
    while (reply.status === 200);
    return reply;
  },
  5000: ({ failing }) => call(failing, 'POST', path(), { json: feedData('code-5000') }),
  5003: async ({ server }) => {
    server.setMaintenance(30);
    try {
      return await call(server, 'GET', '/iot/v1/devices/dev-0001/config');
    } finally {
      server.setMaintenance(null);
    }
  },
};

type Submission = ReturnType<typeof feedData>;
type Publish = (submission: Submission) => Promise<Ack>;

/** A device on a server's broker, subscribed to its ack topic; `publish` resolves with the ack of one submission. */
async function asDevice(server: RunningServer, deviceId: string, use: (publish: Publish) => Promise<Ack>): Promise<Ack> {
  const client = await connectDevice(server, deviceId);
  try {
    await client.subscribeAsync(`iot/v1/devices/${deviceId}/ack`, { qos: 1 });
    return await use(async (submission) => (await publishAndAwaitAck(client, deviceId, JSON.stringify(submission), submission.message_id)) as Ack);
  } finally {
    await client.endAsync();
  }
}

export const ackTriggers: Readonly<Record<string, AckTrigger>> = {
  'mqtt/status/created': ({ relaxed }) => asDevice(relaxed, 'dev-0001', (publish) => publish(feedData('ack-created'))),
  'mqtt/status/idempotent': ({ relaxed }) =>
    asDevice(relaxed, 'dev-0001', async (publish) => {
      await publish(feedData('ack-idempotent'));
      return publish(feedData('ack-idempotent'));
    }),
  'mqtt/status/processed': ({ relaxed }) => asDevice(relaxed, 'dev-deferred', (publish) => publish(feedData('ack-processed'))),
  'mqtt/code/4002': ({ relaxed }) => asDevice(relaxed, 'dev-unlicensed', (publish) => publish(feedData('ack-4002'))),
  'mqtt/code/4003': ({ relaxed }) => asDevice(relaxed, 'dev-0001', (publish) => publish(feedData('ack-4003', [{ feed: 'camera.raw', value: 1 }]))),
  'mqtt/code/4009': ({ relaxed }) =>
    asDevice(relaxed, 'dev-0001', async (publish) => {
      await publish(feedData('ack-4009'));
      return publish(feedData('ack-4009', [{ feed: 'temperature', value: 99 }]));
    }),
  'mqtt/code/4013': ({ relaxed }) => asDevice(relaxed, 'dev-0001', (publish) => publish(feedData('ack-4013', [{ feed: 'x', value: 'y'.repeat(70_000) }]))),
  'mqtt/code/4022': ({ relaxed }) => asDevice(relaxed, 'dev-0001', (publish) => publish({ message_id: 'ack-4022', readings: [] })),
  'mqtt/code/4029': ({ server }) =>
    asDevice(server, 'dev-0002', async (publish) => {
      let ack: Ack;
      let sent = 0;
      do ack = await publish(feedData(`ack-4029-${sent++}`));
      while (ack.status !== 'rejected');
      return ack;
    }),
  'mqtt/code/5000': ({ failing }) => asDevice(failing, 'dev-0001', (publish) => publish(feedData('ack-5000'))),
  'mqtt/code/5003': async ({ relaxed }) => {
    relaxed.setMaintenance(30);
    try {
      return await asDevice(relaxed, 'dev-0001', (publish) => publish(feedData('ack-5003')));
    } finally {
      relaxed.setMaintenance(null);
    }
  },
};

import type { Vectors } from '@iotv1/conformance';
import { type FeedStore, type RunningServer, startReferenceServer, testConfig } from '@iotv1/reference-server';
import { type ClientResult, outcomeDisagreements, outcomeOf } from '@iotv1/vector-runners';
import { Agent, fetch as undiciFetch } from 'undici';
import type { HttpsRelease, MqttRelease } from './release-api.js';

/*
 * A release's client against today's reference server, over TLS on loopback and through its embedded broker: each
 * code's vector is reproduced by a request the release's client makes itself, and the result must be what the
 * vector (as expectations.ts derives it for the release) says.
 */

/** A running server of today, and a fetch over real TLS sockets that trusts only its certificate. */
interface Site {
  readonly server: RunningServer;
  readonly agent: Agent;
  readonly fetch: typeof fetch;
}

/** Today's servers: one as the demo devices meet it, one whose store fails (5000). */
interface Servers {
  readonly live: Site;
  readonly failing: Site;
}

/** How each vector (by id) comes about through one side of a release's client. */
type Triggers<Side> = Readonly<Record<string, (servers: Servers, side: Side) => Promise<ClientResult>>>;

/** How each code's vector comes about over HTTPS; a code vector without one is a todo of the replay test. */
export const HTTPS_TRIGGERS: Triggers<HttpsRelease> = {
  'https/code/2000': ({ live }, client) => device(client, live, 'dev-0001').submit(feedData('replay-2000')),
  // A device id outside the path parameter's pattern.
  'https/code/4000': ({ live }, client) => device(client, live, 'dev.0001', { token: 'token-dev-0001' }).config(),
  'https/code/4001': ({ live }, client) => device(client, live, 'dev-0001', { token: null }).config(),
  'https/code/4002': ({ live }, client) => device(client, live, 'dev-unlicensed').submit(feedData('replay-4002')),
  'https/code/4003': ({ live }, client) => device(client, live, 'dev-blocked').submit(feedData('replay-4003')),
  'https/code/4004': ({ live }, client) => device(client, live, 'dev-9999', { token: 'token-dev-0001' }).config(),
  'https/code/4009': async ({ live }, client) => {
    await device(client, live, 'dev-0001').submit(feedData('replay-4009'));
    return device(client, live, 'dev-0001').submit(feedData('replay-4009', 99));
  },
  'https/code/4013': ({ live }, client) => device(client, live, 'dev-0001').submit(feedData('replay-4013', 'x'.repeat(70_000))),
  'https/code/4015': ({ live }, client) =>
    device(client, live, 'dev-0001', { headers: { 'content-type': 'application/x-www-form-urlencoded' } }).submit(feedData('replay-4015')),
  'https/code/4022': ({ live }, client) => device(client, live, 'dev-0001').submit({ message_id: 'replay-4022', readings: [] }),
  'https/code/4029': ({ live }, client) => untilRefused(() => device(client, live, 'dev-0002').config()),
  'https/code/5000': ({ failing }, client) => device(client, failing, 'dev-0001').submit(feedData('replay-5000')),
  'https/code/5003': ({ live }, client) => inMaintenance(live, () => device(client, live, 'dev-0001').config()),
};

/** How each vector comes about over MQTT (4000, 4001, 4004 and 4015 have no MQTT answer: a device without a valid token cannot connect). */
const MQTT_TRIGGERS: Triggers<MqttRelease> = {
  'mqtt/status/created': ({ live }, client) => publish(client, live, 'dev-0001', [feedData('replay-mqtt-created')]),
  'mqtt/status/idempotent': ({ live }, client) => publish(client, live, 'dev-0001', [feedData('replay-mqtt-again'), feedData('replay-mqtt-again')]),
  'mqtt/status/processed': ({ live }, client) => publish(client, live, 'dev-deferred', [feedData('replay-mqtt-processed')]),
  'mqtt/code/4002': ({ live }, client) => publish(client, live, 'dev-unlicensed', [feedData('replay-mqtt-4002')]),
  'mqtt/code/4003': ({ live }, client) => publish(client, live, 'dev-blocked', [feedData('replay-mqtt-4003')]),
  'mqtt/code/4009': ({ live }, client) => publish(client, live, 'dev-0001', [feedData('replay-mqtt-4009'), feedData('replay-mqtt-4009', 99)]),
  'mqtt/code/4013': ({ live }, client) => publish(client, live, 'dev-0001', [feedData('replay-mqtt-4013', 'x'.repeat(70_000))]),
  'mqtt/code/4022': ({ live }, client) => publish(client, live, 'dev-0001', [{ message_id: 'replay-mqtt-4022', readings: [] }]),
  'mqtt/code/4029': ({ live }, client) => untilRefused(() => publish(client, live, 'dev-0002', [feedData('replay-mqtt-4029')])),
  'mqtt/code/5000': ({ failing }, client) => publish(client, failing, 'dev-0001', [feedData('replay-mqtt-5000')]),
  'mqtt/code/5003': ({ live }, client) => inMaintenance(live, () => publish(client, live, 'dev-0001', [feedData('replay-mqtt-5003')])),
};

/** Runs every trigger through a release's client; lines as the vector runners write them, as `[<target>-https]` and `[<target>-mqtt]`. */
export async function runServerReplay(
  target: string,
  client: { readonly https: HttpsRelease; readonly mqtt: MqttRelease },
  vectors: Vectors,
): Promise<string[]> {
  const expected = new Map([...vectors.https, ...vectors.mqtt].map((vector) => [vector.id, vector.expect]));
  const servers = await startServers();
  const found: string[] = [];
  const replay = async <Side extends HttpsRelease | MqttRelease>(lineTarget: string, triggers: Triggers<Side>, side: Side): Promise<void> => {
    for (const [id, trigger] of Object.entries(triggers)) {
      const expect = expected.get(id);
      if (expect === undefined) throw new Error(`no vector ${id} for the trigger of that name`);
      try {
        const result = await trigger(servers, side);
        found.push(...outcomeDisagreements(lineTarget, id, outcomeOf(result, side.deviceAction(result as never), side.categoryOf), expect));
      } catch (error) {
        found.push(`[${lineTarget}] ${id}: threw ${String(error)}`);
      }
    }
  };
  try {
    await replay(`${target}-https`, HTTPS_TRIGGERS, client.https);
    await replay(`${target}-mqtt`, MQTT_TRIGGERS, client.mqtt);
    // Today's server checks its own answers against today's spec; a violation would make the replay prove nothing.
    const violations = [...servers.live.server.violations, ...servers.failing.server.violations];
    if (violations.length > 0) found.push(`[${target}] today's server broke its contract: ${JSON.stringify(violations)}`);
  } finally {
    await Promise.all([close(servers.live), close(servers.failing)]);
  }
  return found;
}

async function startServers(): Promise<Servers> {
  // A small bucket, so that 4029 comes quickly; large enough for every other trigger of a device.
  const live = site(await startReferenceServer(testConfig({ rateLimit: { capacity: 20, perSecond: 0.01 } })));
  const brokenStore: FeedStore = {
    put: () => Promise.reject(new Error('the disk is gone')),
    records: () => Promise.resolve([]),
    close: () => Promise.resolve(),
  };
  try {
    return { live, failing: site(await startReferenceServer(testConfig(), { store: brokenStore })) };
  } catch (error) {
    await close(live);
    throw error;
  }
}

function site(server: RunningServer): Site {
  const agent = new Agent({ connect: { ca: server.certificate } });
  const trusting = (input: string, init?: RequestInit) => undiciFetch(input, { ...(init as object), dispatcher: agent });
  return { server, agent, fetch: trusting as unknown as typeof fetch };
}

async function close({ agent, server }: Site): Promise<void> {
  await agent.close();
  await server.close();
}

function feedData(messageId: string, value: number | string = 21.5) {
  return { message_id: messageId, readings: [{ feed: 'temperature', value }] };
}

/** A device on a server through the release's HTTPS client: its own token unless said otherwise, one attempt per call. */
function device(client: HttpsRelease, { server, fetch }: Site, deviceId: string, options: { token?: string | null; headers?: Record<string, string> } = {}) {
  const { token = `token-${deviceId}`, headers } = options;
  const handle = client.createClient({
    baseUrl: server.httpsUrl,
    fetch,
    retry: { maxAttempts: 1 },
    ...(token !== null && { token }),
    ...(headers !== undefined && { headers }),
  });
  return {
    config: () => client.getDeviceConfig(handle as never, { deviceId }),
    submit: (body: unknown) => client.submitFeedData(handle as never, { deviceId }, body as never),
  };
}

/** Publishes each payload in turn as the device (connected by the release's own MQTT client); the last result. */
async function publish(client: MqttRelease, { server }: Site, deviceId: string, payloads: readonly unknown[]): Promise<ClientResult> {
  const connection = await client.connectDevice({
    deviceId,
    url: server.mqttUrl,
    token: `token-${deviceId}`,
    ackTimeoutMs: 10_000,
    retry: { maxAttempts: 1 },
    mqtt: { reconnectPeriod: 0, connectTimeout: 10_000 },
  });
  try {
    let result: ClientResult | undefined;
    for (const payload of payloads) result = await client.publishFeedData(connection as never, payload as never);
    if (result === undefined) throw new Error('nothing to publish');
    return result;
  } finally {
    await connection.close();
  }
}

/** Calls until the rate limit refuses, a bounded number of times (the bucket holds 20). */
async function untilRefused(call: () => Promise<ClientResult>): Promise<ClientResult> {
  let result = await call();
  for (let attempt = 1; attempt < 25 && result.kind === 'success'; attempt++) result = await call();
  return result;
}

async function inMaintenance({ server }: Site, call: () => Promise<ClientResult>): Promise<ClientResult> {
  server.setMaintenance(30);
  try {
    return await call();
  } finally {
    server.setMaintenance(null);
  }
}

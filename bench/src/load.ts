import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { type Device, listeningUrls, SqliteFeedStore } from '@iotv1/reference-server';
import mqtt, { type MqttClient } from 'mqtt';

/** The stress run (its `seconds`: it sends a fixed number of requests, sized from the warm-up's rate). */
export interface HttpsLoad extends Cannonade {
  readonly connections: number;
  /** 2xx answers to the HTTPS device, warm-up included: what it must find stored. */
  readonly accepted: number;
  readonly stored: number;
}

export interface MqttLoad {
  readonly devices: number;
  readonly messagesPerDevice: number;
  readonly sent: number;
  /** Distinct messages acknowledged, late ones included. */
  readonly acks: number;
  /** Acks with status `created`: what the devices must find stored. */
  readonly created: number;
  /** Messages without an ack within the per-ack timeout. */
  readonly lost: number;
  readonly duplicates: number;
  readonly acksPerSecond: number;
  readonly p99Ms: number;
  readonly stored: number;
  /** Devices whose stored records differ from their `created` acks. */
  readonly mismatchedDevices: number;
}

/** The server's resident memory in MB: before any load, after the warm-up, after each phase, and its peak. */
export interface ServerMemory {
  readonly idleMb: number;
  readonly startMb: number;
  readonly afterHttpsMb: number;
  readonly afterMqttMb: number;
  readonly peakMb: number;
}

export interface LoadBench {
  readonly https: HttpsLoad;
  readonly mqtt: MqttLoad;
  readonly memory: ServerMemory;
}

const HTTPS_CONNECTIONS = 100;
/** Enough for the server to settle (JIT, TLS sessions, SQLite pages), so that its rate sizes the stress run. */
const WARM_UP_REQUESTS = 20_000;
const WARM_UP_LIMIT_MS = 60_000;
const MQTT_DEVICES = 200;
const MESSAGES_PER_DEVICE = 20;
const ACK_TIMEOUT_MS = 10_000;
/** How long each device keeps listening after its last ack, for duplicates. */
const DUPLICATE_WATCH_MS = 2000;
const LISTEN_TIMEOUT_MS = 20_000;
const EXIT_TIMEOUT_MS = 15_000;
const READING = { feed: 'temperature', value: 21.5, unit: 'Cel' };

/** One autocannon run: how long it took and what came back. */
export interface Cannonade {
  readonly seconds: number;
  readonly requestsPerSecond: number;
  readonly p99Ms: number;
  readonly ok: number;
  readonly non2xx: number;
  readonly errors: number;
  readonly timeouts: number;
}

/** One device's run: what it sent, what came back, and how long each ack took. */
interface DeviceRun {
  readonly device: Device;
  readonly sent: number;
  readonly lost: number;
  readonly latenciesMs: readonly number[];
  readonly acked: ReadonlySet<string>;
  readonly created: number;
  readonly duplicates: number;
}

/**
 * The robustness load: the reference server as its own process (production mode, SQLite store), under autocannon
 * over HTTPS, then 200 MQTT devices each sending one message at a time and waiting for its ack. Afterwards the
 * server is stopped with SIGTERM and the store is read back: every accepted message must be stored exactly once.
 */
export async function benchLoad(root: string, stressSeconds: number): Promise<LoadBench> {
  const dir = mkdtempSync(join(tmpdir(), 'iotv1-load-'));
  const storeFile = join(dir, 'store.sqlite');
  const devicesFile = join(dir, 'devices.json');
  const httpsDevice = loadDevice('load-https');
  const mqttDevices = Array.from({ length: MQTT_DEVICES }, (_, i) => loadDevice(`load-mqtt-${String(i).padStart(3, '0')}`));
  writeFileSync(devicesFile, JSON.stringify([httpsDevice, ...mqttDevices]));
  const server = spawn(
    process.execPath,
    [
      join(root, 'apps/reference-server/dist/main.js'),
      ...['--host', '127.0.0.1', '--https-port', '0', '--mqtt-port', '0', '--store', storeFile, '--devices', devicesFile],
      ...['--rate-capacity', '1000000000', '--rate-per-second', '1000000000', '--log-level', 'error'],
    ],
    // Production: answers are not checked against the spec before they are sent.
    { env: { ...process.env, NODE_ENV: 'production' }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  try {
    const { httpsPort, mqttPort } = await listening(server);
    const pid = server.pid!;
    const idleMb = vmMb(pid, 'VmRSS');
    const feedDataUrl = `https://127.0.0.1:${httpsPort}/iot/v1/devices/${httpsDevice.id}/feed-data`;
    const warmUp = await cannonade(root, feedDataUrl, httpsDevice, WARM_UP_REQUESTS, WARM_UP_LIMIT_MS);
    const startMb = vmMb(pid, 'VmRSS');
    // A fixed number of requests rather than a deadline: autocannon drops the requests in flight at its deadline,
    // which the server may have stored, so stored records could not be matched to answers.
    const stress = await cannonade(
      root,
      feedDataUrl,
      httpsDevice,
      Math.max(HTTPS_CONNECTIONS, Math.round(warmUp.requestsPerSecond * stressSeconds)),
      // Three times the planned length, and a margin for autocannon's start: past that the run is stuck.
      stressSeconds * 3000 + 30_000,
    );
    const afterHttpsMb = vmMb(pid, 'VmRSS');

    const clients = await Promise.all(mqttDevices.map((device) => connect(`mqtt://127.0.0.1:${mqttPort}`, device)));
    const started = performance.now();
    const runs = await Promise.all(clients.map(({ client, device }) => sendAll(client, device)));
    const mqttSeconds = (performance.now() - started) / 1000;
    await sleep(DUPLICATE_WATCH_MS);
    await Promise.all(clients.map(({ client }) => within(client.endAsync(), ACK_TIMEOUT_MS)));
    const afterMqttMb = vmMb(pid, 'VmRSS');
    const peakMb = vmMb(pid, 'VmHWM');

    await stop(server);
    const store = new SqliteFeedStore(storeFile);
    try {
      const storedHttps = (await store.records(httpsDevice.id)).length;
      const storedMqtt = await Promise.all(runs.map(async (run) => (await store.records(run.device.id)).length));
      const acks = sum(runs.map((run) => run.acked.size));
      return {
        https: {
          connections: HTTPS_CONNECTIONS,
          seconds: stress.seconds,
          requestsPerSecond: stress.requestsPerSecond,
          p99Ms: stress.p99Ms,
          ok: stress.ok,
          non2xx: stress.non2xx,
          errors: stress.errors,
          timeouts: stress.timeouts,
          accepted: warmUp.ok + stress.ok,
          stored: storedHttps,
        },
        mqtt: {
          devices: MQTT_DEVICES,
          messagesPerDevice: MESSAGES_PER_DEVICE,
          sent: sum(runs.map((run) => run.sent)),
          acks,
          created: sum(runs.map((run) => run.created)),
          lost: sum(runs.map((run) => run.lost)),
          duplicates: sum(runs.map((run) => run.duplicates)),
          acksPerSecond: acks / mqttSeconds,
          p99Ms: p99(runs.flatMap((run) => run.latenciesMs)),
          stored: sum(storedMqtt),
          mismatchedDevices: runs.filter((run, i) => storedMqtt[i] !== run.created).length,
        },
        memory: { idleMb, startMb, afterHttpsMb, afterMqttMb, peakMb },
      };
    } finally {
      await store.close();
    }
  } finally {
    if (server.exitCode === null && server.signalCode === null) server.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
}

const loadDevice = (id: string): Device => ({
  id,
  token: `token-${id}`,
  policy: { blocked: false, forbiddenFeeds: [] },
  licensed: true,
  processing: 'immediate',
  config: { revision: 1, reportIntervalSeconds: 60, feeds: ['temperature'] },
});

/** The server's ports, read from the lines it prints once both listeners are up. */
async function listening(server: ChildProcess): Promise<{ httpsPort: number; mqttPort: number }> {
  let out = '';
  let err = '';
  server.stderr!.on('data', (chunk: Buffer) => (err = (err + chunk.toString()).slice(-4000)));
  const ports = new Promise<{ httpsPort: number; mqttPort: number }>((resolve, reject) => {
    server.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const urls = listeningUrls(out);
      if (urls !== undefined) resolve({ httpsPort: Number(new URL(urls.httpsUrl).port), mqttPort: Number(new URL(urls.mqttUrl).port) });
    });
    server.once('exit', (code) => reject(new Error(`the reference server exited (${code}) before listening: ${err}`)));
  });
  const result = await within(ports, LISTEN_TIMEOUT_MS);
  if (result === undefined) throw new Error(`the reference server did not listen within ${LISTEN_TIMEOUT_MS} ms: ${err}`);
  return result;
}

/**
 * The load generator, run by a second Node process: argv is the bench package's path, the URL, the token, the
 * number of requests and of connections. autocannon's own unique ids (`idReplacement`) declare a Content-Length
 * 9 bytes longer than the body they send (mcollina/autocannon#539), so the server waits for the rest and nothing is
 * answered; here `setupRequest` gives each request a uuid, and every body has the same length.
 */
const CANNON = `
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
const [bench, url, token, amount, connections] = process.argv.slice(1);
const autocannon = createRequire(bench)('autocannon');
const readings = ${JSON.stringify([READING])};
const result = await autocannon({
  url,
  amount: Number(amount),
  connections: Number(connections),
  method: 'POST',
  headers: { 'content-type': 'application/json', authorization: 'Bearer ' + token },
  requests: [{ setupRequest: (request) => ({ ...request, body: JSON.stringify({ message_id: randomUUID(), readings }) }) }],
});
process.stdout.write(JSON.stringify(result));
`;

/** One autocannon run in its own process: `amount` feed-data submissions, each with its own message id. */
async function cannonade(root: string, url: string, device: Device, amount: number, limitMs: number): Promise<Cannonade> {
  const args = [join(root, 'bench/package.json'), url, device.token, String(amount), String(HTTPS_CONNECTIONS)];
  const child = spawn(process.execPath, ['--input-type=module', '-e', CANNON, ...args], {
    // The server's certificate is self-signed; the load generator does not verify it.
    env: { ...process.env, NODE_TLS_REJECT_UNAUTHORIZED: '0' },
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (err = (err + chunk.toString()).slice(-4000)));
  const closed = await within(once(child, 'close') as Promise<[number | null]>, limitMs);
  if (closed === undefined) {
    child.kill('SIGKILL');
    throw new Error(`autocannon did not finish within ${limitMs} ms`);
  }
  if (closed[0] !== 0) throw new Error(`autocannon failed (${closed[0]}): ${err}`);
  const result = JSON.parse(out) as {
    duration: number;
    requests: { total: number };
    latency: { p99: number };
    '2xx': number;
    non2xx: number;
    errors: number;
    timeouts: number;
  };
  return {
    seconds: result.duration,
    // The mean over the run: autocannon's per-second average counts the last, partial second as a whole one.
    requestsPerSecond: result.requests.total / result.duration,
    p99Ms: result.latency.p99,
    ok: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}

/** A device connected and subscribed to its acks. */
async function connect(url: string, device: Device): Promise<{ client: MqttClient; device: Device }> {
  const connecting = mqtt.connectAsync(url, { username: device.id, password: device.token, reconnectPeriod: 0, connectTimeout: ACK_TIMEOUT_MS });
  const client = await within(connecting, ACK_TIMEOUT_MS * 2);
  if (client === undefined) throw new Error(`${device.id} could not connect within ${ACK_TIMEOUT_MS * 2} ms`);
  // A broken connection shows up as lost acks, not as an uncaught error.
  client.on('error', () => {});
  await client.subscribeAsync(`iot/v1/devices/${device.id}/ack`, { qos: 1 });
  return { client, device };
}

/**
 * The device's messages one at a time, each waiting for its ack (or the timeout) before the next. The run keeps
 * counting acks after it returns, so that a duplicate arriving in the watch that follows is seen.
 */
async function sendAll(client: MqttClient, device: Device): Promise<DeviceRun> {
  const run = { device, sent: 0, lost: 0, latenciesMs: [] as number[], acked: new Set<string>(), created: 0, duplicates: 0 };
  let awaited: { messageId: string; answer: (acked: boolean) => void } | undefined;
  client.on('message', (_topic, payload) => {
    const ack = JSON.parse(payload.toString()) as { message_id: string; status: string };
    if (run.acked.has(ack.message_id)) {
      run.duplicates++;
      return;
    }
    run.acked.add(ack.message_id);
    if (ack.status === 'created') run.created++;
    if (awaited?.messageId === ack.message_id) awaited.answer(true);
  });
  for (let i = 0; i < MESSAGES_PER_DEVICE && client.connected; i++) {
    const messageId = `${device.id}-${i}`;
    const started = performance.now();
    const answered = new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), ACK_TIMEOUT_MS);
      awaited = {
        messageId,
        answer: (ok) => {
          clearTimeout(timer);
          resolve(ok);
        },
      };
    });
    const payload = JSON.stringify({ message_id: messageId, readings: [READING] });
    client.publish(`iot/v1/devices/${device.id}/feed-data`, payload, { qos: 1 }, (error) => error && awaited?.answer(false));
    run.sent++;
    if (await answered) run.latenciesMs.push(performance.now() - started);
    else run.lost++;
  }
  return run;
}

/** SIGTERM, then a bounded wait for the graceful exit, which must succeed. */
async function stop(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null) throw new Error(`the reference server had already exited with ${server.exitCode}`);
  const exited = within(once(server, 'exit') as Promise<[number | null, NodeJS.Signals | null]>, EXIT_TIMEOUT_MS);
  server.kill('SIGTERM');
  const exit = await exited;
  if (exit === undefined) {
    server.kill('SIGKILL');
    throw new Error(`the reference server did not exit within ${EXIT_TIMEOUT_MS} ms of SIGTERM`);
  }
  if (exit[0] !== 0) throw new Error(`the reference server exited with ${exit[0] ?? exit[1]} after SIGTERM`);
}

/** A field of /proc/<pid>/status (VmRSS: resident now, VmHWM: peak resident) in MB. */
function vmMb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (match === null) throw new Error(`no ${field} in /proc/${pid}/status`);
  return Number(match[1]) / 1024;
}

/** The promise's value, or `undefined` once `ms` have passed. */
async function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

const sum = (values: readonly number[]): number => values.reduce((total, n) => total + n, 0);

function p99(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(sorted.length * 0.99) - 1)] ?? 0;
}

import { once } from 'node:events';
import { createConnection, type Socket } from 'node:net';
import { connect, type TLSSocket } from 'node:tls';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqliteFeedStore } from '../src/sqlite-store.js';
import { exitOf, type ServerProcess, startServerProcess, type Workdir, workdir } from './server-process.js';
import { call } from './support.js';

/**
 * Probe row 4: a signal while clients hold connections open. The server must stop accepting, let what is in flight
 * finish, cut the rest, commit the store, and exit 0 within its grace period.
 *
 * The bounds hold on a loaded CI machine and still tell the causes apart: every other deadline that could end a
 * connection (TLS handshake, HTTPS idle, headers and request, MQTT CONNECT) is set to `FAR_MS`, far beyond any bound
 * asserted here, and exit code 0 rules out the backstop (which exits 1). A stalled machine delays the exit; only a
 * server that waits on the wrong thing takes `FAR_MS`.
 */
const GRACE_MS = 2000;
/** A grace period no test waits for: the exit must come from what the server saw, not from the grace expiring. */
const LONG_GRACE_MS = 120_000;
const FAR_MS = 120_000;
/** Far below `FAR_MS` and the long grace; generous for a 2-core machine running other suites beside this one. */
const EXIT_BOUND_MS = 20_000;

let dir: Workdir;
let server: ServerProcess;
const held: Socket[] = [];

beforeEach(async () => {
  dir = await workdir();
});

afterEach(() => {
  for (const socket of held) socket.destroy();
  held.length = 0;
  server.child.kill('SIGKILL');
  dir.dispose();
});

async function start(graceMs: number): Promise<void> {
  const far = String(FAR_MS);
  server = await startServerProcess(dir, [
    ...['--store', 'store.sqlite', '--shutdown-grace', String(graceMs)],
    ...['--mqtt-connect-timeout', far, '--https-timeouts', [far, far, far, far].join(',')],
  ]);
}

const portOf = (url: string): number => Number(new URL(url).port);

/** A TLS connection that completed its handshake and then says nothing. */
async function idleTls(): Promise<TLSSocket> {
  const socket = connect({ host: '127.0.0.1', port: portOf(server.httpsUrl), ca: server.certificate, servername: 'localhost' });
  held.push(socket);
  await once(socket, 'secureConnect');
  return socket;
}

/** A TCP connection that never starts its TLS handshake, or never sends its MQTT CONNECT. */
async function silentTcp(url: string): Promise<Socket> {
  const socket = createConnection({ host: '127.0.0.1', port: portOf(url) });
  held.push(socket);
  await once(socket, 'connect');
  return socket;
}

/** A feed-data request whose headers are sent and whose body is not: `finish` sends the rest. */
async function slowBody(messageId: string): Promise<{ finish(): void; reply: Promise<string> }> {
  const socket = await idleTls();
  const body = JSON.stringify({ message_id: messageId, readings: [{ feed: 'temperature', value: 21.5 }] });
  socket.write(
    `POST /iot/v1/devices/dev-0001/feed-data HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer token-dev-0001\r\n` +
      `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body.slice(0, 5)}`,
  );
  let text = '';
  socket.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
  const reply = new Promise<string>((resolve) => socket.once('close', () => resolve(text)));
  return { finish: () => socket.write(body.slice(5)), reply };
}

describe.each(['SIGTERM', 'SIGINT'] as const)('on %s', (signal) => {
  it('exits 0 once the grace period ends while clients hold idle TLS, a slow body, and TCP before the handshake or CONNECT', async () => {
    await start(GRACE_MS);
    await idleTls();
    await slowBody('held-open');
    await silentTcp(server.httpsUrl);
    await silentTcp(server.mqttUrl);
    server.child.kill(signal);
    const exit = await exitOf(server.child, 2 * EXIT_BOUND_MS);
    expect(exit, server.stderr()).toMatchObject({ code: 0, signal: null });
    expect(exit.afterMs).toBeGreaterThanOrEqual(GRACE_MS);
    expect(exit.afterMs).toBeLessThan(EXIT_BOUND_MS);
  }, 60_000);
});

describe('on SIGTERM', () => {
  it('exits at once when nothing is in flight, cutting idle connections', async () => {
    await start(LONG_GRACE_MS);
    const idle = await idleTls();
    const mqtt = await silentTcp(server.mqttUrl);
    server.child.kill('SIGTERM');
    const exit = await exitOf(server.child, 2 * EXIT_BOUND_MS);
    expect(exit, server.stderr()).toMatchObject({ code: 0, signal: null });
    expect(exit.afterMs).toBeLessThan(EXIT_BOUND_MS);
    expect(idle.destroyed || idle.readableEnded).toBe(true);
    expect(mqtt.destroyed || mqtt.readableEnded).toBe(true);
  }, 60_000);

  it('finishes a request in flight, answers it, closes its connection, commits its record, and exits without waiting out the grace', async () => {
    await start(LONG_GRACE_MS);
    const request = await slowBody('in-flight-1');
    server.child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 300));
    request.finish();
    const reply = await request.reply;
    expect(reply).toMatch(/^HTTP\/1\.1 200 /);
    expect(reply).toMatch(/\r\nconnection: close\r\n/i);
    expect(reply).toContain('"status":"created"');
    const exit = await exitOf(server.child, 2 * EXIT_BOUND_MS);
    expect(exit, server.stderr()).toMatchObject({ code: 0, signal: null });
    expect(exit.afterMs).toBeLessThan(EXIT_BOUND_MS);
    const store = new SqliteFeedStore(`${dir.path}/store.sqlite`);
    expect((await store.records('dev-0001')).map((record) => record.messageId)).toEqual(['in-flight-1']);
    await store.close();
  }, 60_000);

  it('accepts no new connection once shutting down', async () => {
    await start(LONG_GRACE_MS);
    const request = await slowBody('keeps-it-draining');
    server.child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 300));
    await expect(call(server, 'GET', '/iot/v1/devices/dev-0001/config')).rejects.toThrow(/ECONNREFUSED/);
    request.finish();
    expect(await request.reply).toMatch(/^HTTP\/1\.1 200 /);
    expect(await exitOf(server.child, 2 * EXIT_BOUND_MS), server.stderr()).toMatchObject({ code: 0, signal: null });
  }, 60_000);
});

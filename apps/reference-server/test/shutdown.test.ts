import { once } from 'node:events';
import { createConnection, type Socket } from 'node:net';
import { connect, type TLSSocket } from 'node:tls';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqliteFeedStore } from '../src/sqlite-store.js';
import { exitOf, type ServerProcess, startServerProcess, type Workdir, workdir } from './server-process.js';
import { call } from './support.js';

/**
 * Probe row 4: a signal while clients hold connections open. The server must stop accepting, let what is in flight
 * finish, cut the rest, commit the store, and exit 0 within its grace period (2 s here) plus a margin.
 */
const GRACE_MS = 2000;
const EXIT_BOUND_MS = GRACE_MS + 3000;

let dir: Workdir;
let server: ServerProcess;
const held: Socket[] = [];

beforeEach(async () => {
  dir = await workdir();
  server = await startServerProcess(dir, ['--store', 'store.sqlite', '--shutdown-grace', String(GRACE_MS)]);
});

afterEach(() => {
  for (const socket of held) socket.destroy();
  held.length = 0;
  server.child.kill('SIGKILL');
  dir.dispose();
});

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
  it('exits 0 within the grace period while clients hold idle TLS, a slow body, and TCP before the handshake or CONNECT', async () => {
    await idleTls();
    await slowBody('held-open');
    await silentTcp(server.httpsUrl);
    await silentTcp(server.mqttUrl);
    server.child.kill(signal);
    const exit = await exitOf(server.child, 15_000);
    expect(exit).toMatchObject({ code: 0, signal: null });
    expect(exit.afterMs).toBeLessThan(EXIT_BOUND_MS);
  }, 30_000);
});

describe('on SIGTERM', () => {
  it('exits at once when nothing is in flight, cutting idle connections', async () => {
    const idle = await idleTls();
    const mqtt = await silentTcp(server.mqttUrl);
    server.child.kill('SIGTERM');
    const exit = await exitOf(server.child, 15_000);
    expect(exit).toMatchObject({ code: 0, signal: null });
    expect(exit.afterMs).toBeLessThan(GRACE_MS);
    expect(idle.destroyed || idle.readableEnded).toBe(true);
    expect(mqtt.destroyed || mqtt.readableEnded).toBe(true);
  }, 30_000);

  it('finishes a request in flight, answers it, closes its connection, and commits its record', async () => {
    const request = await slowBody('in-flight-1');
    server.child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 300));
    request.finish();
    const reply = await request.reply;
    expect(reply).toMatch(/^HTTP\/1\.1 200 /);
    expect(reply).toMatch(/\r\nconnection: close\r\n/i);
    expect(reply).toContain('"status":"created"');
    expect(await exitOf(server.child, 15_000)).toMatchObject({ code: 0, signal: null });
    const store = new SqliteFeedStore(`${dir.path}/store.sqlite`);
    expect((await store.records('dev-0001')).map((record) => record.messageId)).toEqual(['in-flight-1']);
    await store.close();
  }, 30_000);

  it('accepts no new connection once shutting down', async () => {
    await slowBody('keeps-it-draining');
    server.child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 300));
    await expect(call(server, 'GET', '/iot/v1/devices/dev-0001/config')).rejects.toThrow(/ECONNREFUSED/);
    expect(await exitOf(server.child, 15_000)).toMatchObject({ code: 0, signal: null });
  }, 30_000);
});

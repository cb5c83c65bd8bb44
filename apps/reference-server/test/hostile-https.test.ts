import { spawn } from 'node:child_process';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { createConnection, createServer } from 'node:net';
import { connect, type TLSSocket } from 'node:tls';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import type { RunningServer } from '../src/server.js';
import { exitOf } from './server-process.js';
import { call, expectError, type HttpReply, startServer } from './support.js';

/** A TLS connection to the server that sends exactly the bytes it is given, for requests `fetch` and `https` refuse to send. */
async function openTls(server: RunningServer): Promise<TLSSocket> {
  const url = new URL(server.httpsUrl);
  const socket = connect({ host: url.hostname, port: Number(url.port), ca: server.certificate, servername: 'localhost' });
  await once(socket, 'secureConnect');
  return socket;
}

interface RawOutcome {
  /** The first answer, if a whole one arrived. */
  readonly reply: HttpReply | undefined;
  /** Whether the server closed the connection within the wait. */
  readonly closed: boolean;
}

/**
 * Waits (at most `waitMs`) for the server to close the connection, or with `untilReply` for its first whole answer;
 * never throws on resets, which a closing server may cause.
 */
async function outcome(socket: TLSSocket, waitMs: number, untilReply = false): Promise<RawOutcome> {
  const chunks: Buffer[] = [];
  socket.on('error', () => undefined);
  const closed = await new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), waitMs);
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      if (untilReply && parseReply(Buffer.concat(chunks).toString('latin1')) !== undefined) {
        clearTimeout(timer);
        resolve(false);
      }
    });
    socket.once('close', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
  socket.destroy();
  return { reply: parseReply(Buffer.concat(chunks).toString('latin1')), closed };
}

function parseReply(text: string): HttpReply | undefined {
  const end = text.indexOf('\r\n\r\n');
  if (end < 0) return undefined;
  const [statusLine = '', ...lines] = text.slice(0, end).split('\r\n');
  const headers = Object.fromEntries(lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]));
  const length = Number(headers['content-length'] ?? 0);
  if (text.length < end + 4 + length) return undefined;
  const body = text.slice(end + 4, end + 4 + length);
  return { status: Number(statusLine.split(' ')[1]), headers, body: body === '' ? undefined : JSON.parse(body) };
}

/** Sends one raw request and returns the first answer; the server must answer within 3 s. */
async function rawCall(server: RunningServer, request: string): Promise<HttpReply> {
  const socket = await openTls(server);
  socket.write(request);
  const { reply } = await outcome(socket, 3_000, true);
  expect(reply, 'no whole answer within 3 s').toBeDefined();
  return reply!;
}

const auth = 'Authorization: Bearer token-dev-0001\r\n';
const path = '/iot/v1/devices/dev-0001/feed-data';
const message = '{"message_id":"m-1","readings":[{"feed":"temperature","value":1}]}';

describe('every HTTPS answer is the error envelope, the framework’s own included', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server.close());
  afterEach(() => expect(server.violations).toEqual([]));

  it.each([
    ['a bad percent-encoding outside any route', `GET /%FF HTTP/1.1\r\nHost: localhost\r\n${auth}\r\n`, 4000, 400],
    ['a lone % in a device id', `GET /iot/v1/devices/%/feed-data HTTP/1.1\r\nHost: localhost\r\n${auth}\r\n`, 4000, 400],
    ['no Host header', `GET /iot/v1/devices/dev-0001/config HTTP/1.1\r\n${auth}\r\n`, 4000, 400],
    ['headers over the limit (431 has no code: 4000)', `GET / HTTP/1.1\r\nHost: localhost\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`, 4000, 400],
    ['an Expect the server cannot meet', `GET /iot/v1/devices/dev-0001/config HTTP/1.1\r\nHost: localhost\r\n${auth}Expect: teapot\r\n\r\n`, 4000, 400],
    ['a request line that is not HTTP', 'HELLO\r\n\r\n', 4000, 400],
    ['CONNECT', `CONNECT localhost:443 HTTP/1.1\r\nHost: localhost:443\r\n${auth}\r\n`, 4004, 404],
    ['a method no operation has', `PATCH ${path} HTTP/1.1\r\nHost: localhost\r\n${auth}Content-Length: 0\r\n\r\n`, 4004, 404],
    ['an unknown route', `GET /nothing HTTP/1.1\r\nHost: localhost\r\n${auth}\r\n`, 4004, 404],
  ] as const)('%s', async (_name, request, code, status) => {
    const reply = await rawCall(server, request);
    expectError(reply, code, status);
    expect((reply.body as { request_id?: string }).request_id).toMatch(/^req_/);
  });
});

describe('ambiguous input is refused, not guessed', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server.close());
  afterEach(() => expect(server.violations).toEqual([]));

  const post = (headers: string, body: string) =>
    `POST ${path} HTTP/1.1\r\nHost: localhost\r\n${headers}Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;

  it.each([
    [
      'duplicate JSON keys',
      post(`${auth}Content-Type: application/json\r\n`, '{"message_id":"d-1","message_id":"d-2","readings":[{"feed":"t","value":1}]}'),
      4000,
      400,
    ],
    [
      'duplicate keys written with escapes',
      post(`${auth}Content-Type: application/json\r\n`, '{"message_id":"d-3","readings":[{"feed":"t","value":1,"v\\u0061lue":2}]}'),
      4000,
      400,
    ],
    ['two Authorization headers', post(`${auth}Authorization: Bearer token-dev-0002\r\nContent-Type: application/json\r\n`, message), 4001, 401],
    ['Content-Encoding: br', post(`${auth}Content-Type: application/json\r\nContent-Encoding: br\r\n`, message), 4015, 415],
    ['Content-Encoding: gzip', post(`${auth}Content-Type: application/json\r\nContent-Encoding: gzip\r\n`, message), 4015, 415],
    ['charset=utf-16 with a UTF-8 body', post(`${auth}Content-Type: application/json; charset=utf-16\r\n`, message), 4015, 415],
  ] as const)('%s', async (_name, request, code, status) => {
    const before = await server.store.records('dev-0001');
    expectError(await rawCall(server, request), code, status);
    expect(await server.store.records('dev-0001')).toEqual(before);
  });

  it.each([
    ['charset=utf-8', 'application/json; charset=utf-8', undefined],
    ['charset="UTF-8"', 'application/json; charset="UTF-8"', undefined],
    ['Content-Encoding: identity', 'application/json', 'identity'],
  ] as const)('still accepts %s', async (_name, contentType, encoding) => {
    const body = `{"message_id":"ok-${encoding ?? contentType.length}","readings":[{"feed":"temperature","value":1}]}`;
    const reply = await rawCall(
      server,
      post(`${auth}Content-Type: ${contentType}\r\n${encoding === undefined ? '' : `Content-Encoding: ${encoding}\r\n`}`, body),
    );
    expect(reply.body).toMatchObject({ code: 2000, status: 'created' });
  });

  it('still accepts the same key in sibling objects', async () => {
    const reply = await call(server, 'POST', path, { raw: '{"message_id":"sib-1","readings":[{"feed":"a","value":1},{"feed":"b","value":2}]}' });
    expect(reply.body).toMatchObject({ code: 2000, status: 'created' });
  });
});

describe('an unauthenticated request is answered without its body being read', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server.close());

  it('answers 4001 and closes while a 200 MB body is still on its way', async () => {
    const socket = await openTls(server);
    socket.write(`POST ${path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 200000000\r\n\r\n`);
    // A bounded trickle: at most 200 chunks of 16 KiB (3.2 MB), one every 10 ms, stopped as soon as the socket closes.
    let sent = 0;
    const trickle = setInterval(() => {
      if (socket.destroyed || sent >= 200) return clearInterval(trickle);
      socket.write(Buffer.alloc(16_384, 0x20));
      sent += 1;
    }, 10);
    const result = await outcome(socket, 3_000);
    clearInterval(trickle);
    expectError(result.reply!, 4001, 401);
    expect(result.closed).toBe(true);
    expect(sent).toBeLessThan(100);
  });
});

describe('what held before still holds', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ rateLimit: { capacity: 1_000, perSecond: 1_000 } });
  });
  afterAll(() => server.close());
  afterEach(() => expect(server.violations).toEqual([]));

  it('answers a chunked body over the limit with 4013 before it ends', async () => {
    const socket = await openTls(server);
    socket.write(`POST ${path} HTTP/1.1\r\nHost: localhost\r\n${auth}Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`);
    // 80 chunks of 1 KiB pass the 64 KiB limit; the body is never terminated.
    for (let chunk = 0; chunk < 80; chunk += 1) socket.write(`400\r\n${' '.repeat(1_024)}\r\n`);
    const { reply } = await outcome(socket, 3_000, true);
    expectError(reply!, 4013, 413);
  });

  it('stores 50 concurrent identical submissions once: 1 created, 49 idempotent', async () => {
    const answers = await Promise.all(
      Array.from({ length: 50 }, () => call(server, 'POST', path, { json: { message_id: 'same-1', readings: [{ feed: 'temperature', value: 1 }] } })),
    );
    const statuses = answers.map((answer) => (answer.body as { status?: string }).status);
    expect(statuses.filter((status) => status === 'created')).toHaveLength(1);
    expect(statuses.filter((status) => status === 'idempotent')).toHaveLength(49);
    expect((await server.store.records('dev-0001')).filter((record) => record.messageId === 'same-1')).toHaveLength(1);
  });
});

describe('slow and idle connections are closed', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ httpsTimeouts: { handshakeMs: 1_000, idleMs: 1_000, headersMs: 1_000, requestMs: 1_000 } });
  });
  afterAll(() => server.close());

  it('closes a TLS connection that sends nothing after the handshake', async () => {
    const result = await outcome(await openTls(server), 3_000);
    expect(result.closed).toBe(true);
  });

  it('closes a TCP connection that never starts the TLS handshake', async () => {
    const url = new URL(server.httpsUrl);
    const socket = createConnection(Number(url.port), url.hostname);
    await once(socket, 'connect');
    const closed = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), 3_000);
      socket.on('error', () => undefined);
      socket.once('close', () => {
        clearTimeout(timer);
        resolve(true);
      });
    });
    socket.destroy();
    expect(closed).toBe(true);
  });

  it('closes a request whose body comes at one byte a time', async () => {
    const socket = await openTls(server);
    socket.write(`POST ${path} HTTP/1.1\r\nHost: localhost\r\n${auth}Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n`);
    // Fast enough to keep an idle timer alive: one byte every 300 ms, at most 20.
    let sent = 0;
    const trickle = setInterval(() => {
      if (socket.destroyed || sent >= 20) return clearInterval(trickle);
      socket.write(' ');
      sent += 1;
    }, 300);
    const result = await outcome(socket, 3_000);
    clearInterval(trickle);
    expect(result.closed).toBe(true);
  });

  it('closes a request whose headers never end', async () => {
    const socket = await openTls(server);
    socket.write(`GET /iot/v1/devices/dev-0001/config HTTP/1.1\r\nHost: localhost\r\n`);
    let sent = 0;
    const trickle = setInterval(() => {
      if (socket.destroyed || sent >= 20) return clearInterval(trickle);
      socket.write(`X-${sent}: a\r\n`);
      sent += 1;
    }, 300);
    const result = await outcome(socket, 3_000);
    clearInterval(trickle);
    expect(result.closed).toBe(true);
  });
});

describe('the demo on a taken port', () => {
  it('says which port and which flag or variable changes it, and exits non-zero', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as AddressInfo).port;
    try {
      const main = fileURLToPath(new URL('../dist/main.js', import.meta.url));
      const child = spawn(process.execPath, [main, '--https-port', String(port), '--mqtt-port', '0', '--log-level', 'silent', '--store', 'memory'], {
        stdio: 'pipe',
      });
      // Whatever happens to the test, the process does not outlive it (it would hold the port once the blocker goes).
      onTestFinished(() => {
        child.kill('SIGKILL');
      });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const { code } = await exitOf(child, 15_000);
      expect(code).not.toBe(0);
      expect(code).not.toBeNull();
      expect(stderr).toContain(String(port));
      expect(stderr).toMatch(/--https-port/);
      expect(stderr).toMatch(/IOTV1_HTTPS_PORT/);
      expect(stderr).not.toMatch(/^\s+at /m);
    } finally {
      blocker.close();
    }
    // A process of its own: Node's start and the self-signed certificate take seconds on a loaded 2-core machine.
  }, 20_000);
});

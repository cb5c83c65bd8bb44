import { createServer } from 'node:net';
import type { RunningServer } from '@iotv1/reference-server';
import { isRetryable, RESPONSE_CODES, type ResponseCodeEntry, ResponseCodes } from '@iotv1/registry';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createClient, getDeviceConfig, type Result, reportDeviceStatus, submitFeedData, unwrap } from '../src/index.js';
import { clientFor, feedData, sleep, startServer } from './support.js';

/**
 * The client against the reference server over real TLS sockets: every registry code, the handling rules for
 * older and newer servers, retries, timeouts and aborts.
 */
let server: RunningServer;
let limited: RunningServer;
/** A server that answers as the registry says a code is answered: the per-code cases, one for each code of the registry. */
let posing: RunningServer;
const device = { deviceId: 'dev-0001' };

/** The code `posing` answers with next; `withCode: false` drops it from the body, as an older endpoint does. */
let pose: { readonly entry: ResponseCodeEntry; readonly withCode: boolean } | undefined;

/** A server that answers after 400 ms. */
const slowly = async <T>(_operation: string | null, answer: T): Promise<T> => {
  await sleep(400);
  return answer;
};

/**
 * The registry's answer for `entry` in place of the server's own (a created feed data, or 5003 in maintenance): its
 * HTTP status and code, with the error envelope of its error type. The server's request id and headers stay, so a
 * retryable code keeps the Retry-After of maintenance. Taking the cases from the registry, not from what the server
 * can be driven to answer, covers a code the moment it is in the spec; the server's own answers are its suite's.
 */
function posed(entry: ResponseCodeEntry, withCode: boolean, answer: { readonly body: unknown }): { status: number; body: unknown } {
  const { request_id, ...created } = answer.body as { request_id: string };
  const body =
    entry.errorType === null
      ? { ...created, code: entry.code, request_id }
      : { code: entry.code, error: { type: entry.errorType, message: entry.message, details: {} }, request_id };
  return { status: entry.httpStatus, body: withCode ? body : { ...body, code: undefined } };
}

/** One feed-data call answered by `posing` as `entry`; a retryable code comes in maintenance, for its Retry-After. */
async function answered(entry: ResponseCodeEntry, withCode = true): Promise<Result<unknown>> {
  pose = { entry, withCode };
  posing.setMaintenance(entry.retryable ? 30 : null);
  try {
    return await submitFeedData(clientFor(posing, 'dev-0001', { retry: { maxAttempts: 1 } }), device, feedData(`code-${entry.code}-${withCode}`));
  } finally {
    pose = undefined;
    posing.setMaintenance(null);
  }
}

beforeAll(async () => {
  server = await startServer();
  limited = await startServer({ rateLimit: { capacity: 1, perSecond: 1 } });
  posing = await startServer({}, { rewriteResponse: (_operation, answer) => (pose === undefined ? answer : posed(pose.entry, pose.withCode, answer)) });
});
afterAll(async () => {
  await Promise.all([server.close(), limited.close(), posing.close()]);
});
afterEach(() => {
  for (const s of [server, limited, posing]) expect(s.violations).toEqual([]);
});

describe('every registry code, over HTTPS', () => {
  it.each(RESPONSE_CODES.map((entry) => [entry.code, entry] as const))('%i maps to its variant', async (code, entry) => {
    const result = await answered(entry);
    expect(result).toMatchObject({ code, httpStatus: entry.httpStatus, requestId: expect.stringMatching(/^req_/), attempts: 1 });
    if (entry.category === 'Success') {
      expect(result).toMatchObject({ kind: 'success', status: 'created', retryable: false });
      return;
    }
    expect(result).toMatchObject({ kind: 'error', errorType: entry.errorType, retryable: entry.retryable, message: expect.any(String) });
    if (result.kind !== 'error') return;
    expect(result.retryAfterMs === null).toBe(!entry.retryable);
    expect(typeof result.details).toBe('object');
  });

  it('narrows on switch (result.code)', async () => {
    await submitFeedData(clientFor(server), device, feedData('code-4009'));
    const result = await submitFeedData(clientFor(server), device, feedData('code-4009', [{ feed: 'temperature', value: 99 }]));
    switch (result.code) {
      case ResponseCodes.CONFLICT: {
        const errorType: 'conflict' = result.errorType;
        expect(errorType).toBe('conflict');
        expect(result.details).toEqual({ message_id: 'code-4009' });
        break;
      }
      default:
        expect.unreachable(`expected 4009, got ${JSON.stringify(result)}`);
    }
  });

  it('types the success body of each operation', async () => {
    const result = await getDeviceConfig(clientFor(server), device);
    if (result.kind !== 'success') return expect.unreachable(JSON.stringify(result));
    const revision: number = result.body.config.revision;
    expect(revision).toBe(1);
    expect(result.status).toBeNull();
    expect(unwrap(await reportDeviceStatus(clientFor(server), device, { firmware_version: '2.4.1', uptime_s: 60 }))).toMatchObject({ config_revision: 1 });
  });

  it('throws only when asked to, with the whole result', async () => {
    const result = await getDeviceConfig(clientFor(server), { deviceId: 'dev-9999' });
    expect(result.kind).toBe('error');
    expect(() => unwrap(result)).toThrow(expect.objectContaining({ name: 'Iotv1Error', result }));
  });
});

describe('older and newer servers', () => {
  it('falls back to the HTTP status when an older endpoint sends no code', async () => {
    const older = await startServer(
      { rateLimit: { capacity: 1, perSecond: 0.1 } },
      { rewriteResponse: (_operation, { status, body }) => ({ status, body: { ...(body as object), code: undefined } }) },
    );
    try {
      const client = clientFor(older, 'dev-0001', { retry: { maxAttempts: 1 } });
      expect(await submitFeedData(client, device, feedData('old-1'))).toMatchObject({ kind: 'success', code: ResponseCodes.OK, status: 'created' });
      expect(await getDeviceConfig(client, { deviceId: 'dev-blocked' })).toMatchObject({
        kind: 'error',
        code: ResponseCodes.FORBIDDEN,
        errorType: 'forbidden',
      });
      const limitedResult = await getDeviceConfig(client, device);
      expect(limitedResult).toMatchObject({ kind: 'error', code: ResponseCodes.RATE_LIMITED, retryable: true, httpStatus: 429 });
    } finally {
      await older.close();
    }
  });

  it.each(RESPONSE_CODES.filter((entry) => entry.httpFallback).map((entry) => [entry.httpStatus, entry.code, entry] as const))(
    'an answer %i without a code falls back to its registry code %i',
    async (_status, code, entry) => {
      expect(await answered(entry, false)).toMatchObject({ code, kind: entry.category === 'Success' ? 'success' : 'error' });
    },
  );

  it('classifies a code added after this client by its class, and never retries it', async () => {
    const newer = await startServer(
      {},
      {
        rewriteResponse: (_operation, { status, body }) => {
          const code = (body as { code: number }).code;
          const future = code === ResponseCodes.FORBIDDEN ? 4077 : code === ResponseCodes.SERVICE_UNAVAILABLE ? 5077 : code;
          return { status, body: { ...(body as object), code: future } };
        },
      },
    );
    try {
      expect(await getDeviceConfig(clientFor(newer, 'dev-blocked'), { deviceId: 'dev-blocked' })).toMatchObject({
        kind: 'unknown',
        code: null,
        receivedCode: 4077,
        category: 'Client Error',
        errorType: 'forbidden',
        retryable: false,
        attempts: 1,
        httpStatus: 403,
      });
      newer.setMaintenance(1);
      expect(await getDeviceConfig(clientFor(newer), device)).toMatchObject({ kind: 'unknown', receivedCode: 5077, category: 'Server Error', attempts: 1 });
    } finally {
      await newer.close();
    }
  });
});

describe('retries', () => {
  it('after 4029 waits for Retry-After and sends the same message, which ends idempotent with one stored record', async () => {
    const client = clientFor(limited, 'dev-0001');
    const message = feedData('retry-4029');
    expect(await submitFeedData(client, device, message)).toMatchObject({ kind: 'success', status: 'created' });
    // The device sends the same message again (it lost the answer); the token bucket is empty now.
    const started = performance.now();
    const result = await submitFeedData(client, device, message);
    const elapsed = performance.now() - started;
    expect(result).toMatchObject({ kind: 'success', code: ResponseCodes.OK, status: 'idempotent', attempts: 2 });
    expect(elapsed).toBeGreaterThanOrEqual(1000); // Retry-After: 1
    expect(await limited.store.records('dev-0001')).toHaveLength(1);
  });

  it('after a timeout sends the same message again, which ends idempotent with one stored record', async () => {
    let slow = true;
    const slowOnce = await startServer(
      {},
      {
        rewriteResponse: async (_operation, answer) => {
          if (slow) {
            slow = false;
            // Far beyond the client's timeout, which is itself far beyond a normal answer on a loaded 2-core machine.
            await sleep(4000);
          }
          return answer;
        },
      },
    );
    try {
      const result = await submitFeedData(clientFor(slowOnce, 'dev-0001', { timeoutMs: 1500 }), device, feedData('lost-answer'));
      expect(result).toMatchObject({ kind: 'success', status: 'idempotent', attempts: 2 });
      expect(await slowOnce.store.records('dev-0001')).toHaveLength(1);
    } finally {
      await slowOnce.close();
    }
  }, 20_000);

  it('retries 5003 until the service is back', async () => {
    // The service comes back once its first refusal is out, however slow the machine: only the retry can succeed.
    const recovering: RunningServer = await startServer(
      {},
      {
        rewriteResponse: (_operation, answer) => {
          if (answer.status === 503) recovering.setMaintenance(null);
          return answer;
        },
      },
    );
    try {
      recovering.setMaintenance(1);
      const result = await getDeviceConfig(clientFor(recovering), device);
      expect(result).toMatchObject({ kind: 'success', attempts: 2 });
    } finally {
      await recovering.close();
    }
  });

  it('never sends a non-retryable code again', async () => {
    const sent: (string | null)[] = [];
    const counting = await startServer(
      {},
      {
        rewriteResponse: (operation, answer) => {
          sent.push(operation);
          return answer;
        },
      },
    );
    try {
      const client = clientFor(counting);
      await submitFeedData(client, device, feedData('once'));
      sent.length = 0;
      const result = await submitFeedData(client, device, feedData('once', [{ feed: 'temperature', value: 0 }]));
      expect(result).toMatchObject({ kind: 'error', code: ResponseCodes.CONFLICT, retryable: false, attempts: 1 });
      expect(isRetryable(ResponseCodes.CONFLICT)).toBe(false);
      expect(sent).toEqual(['submitFeedData']);
    } finally {
      await counting.close();
    }
  });

  it('gives up when Retry-After is beyond the time budget, and says when to come back', async () => {
    server.setMaintenance(30);
    try {
      const started = performance.now();
      const result = await getDeviceConfig(clientFor(server), device);
      // Far below the 30 s a wait would take, so a loaded machine does not fail it.
      expect(performance.now() - started).toBeLessThan(10_000);
      expect(result).toMatchObject({ kind: 'error', code: ResponseCodes.SERVICE_UNAVAILABLE, attempts: 1, retryAfterMs: 30_000 });
    } finally {
      server.setMaintenance(null);
    }
  });
});

describe('transport failures', () => {
  it('times out an attempt that takes too long, and stops after maxAttempts', async () => {
    const slow = await startServer({}, { rewriteResponse: slowly });
    try {
      const result = await getDeviceConfig(clientFor(slow, 'dev-0001', { timeoutMs: 50, retry: { maxAttempts: 2, baseDelayMs: 1 } }), device);
      expect(result).toMatchObject({ kind: 'transport', code: null, reason: 'timeout', retryable: true, attempts: 2 });
    } finally {
      await slow.close();
    }
  });

  it('stops at once on abort, in flight or between attempts, and sends nothing after an abort', async () => {
    const slow = await startServer({}, { rewriteResponse: slowly });
    try {
      const inFlight = new AbortController();
      setTimeout(() => inFlight.abort(), 50);
      expect(await getDeviceConfig(clientFor(slow), device, { signal: inFlight.signal })).toMatchObject({
        kind: 'transport',
        reason: 'abort',
        retryable: false,
      });
      expect(await getDeviceConfig(clientFor(slow), device, { signal: AbortSignal.abort() })).toMatchObject({
        kind: 'transport',
        reason: 'abort',
        attempts: 1,
      });
    } finally {
      await slow.close();
    }
    // 20 s is within the time budget, so the client waits it out unless the abort stops the wait.
    server.setMaintenance(20);
    try {
      const waiting = new AbortController();
      setTimeout(() => waiting.abort(), 100);
      const started = performance.now();
      const result = await getDeviceConfig(clientFor(server), device, { signal: waiting.signal });
      expect(result).toMatchObject({ kind: 'transport', reason: 'abort', attempts: 1 });
      expect(performance.now() - started).toBeLessThan(10_000);
    } finally {
      server.setMaintenance(null);
    }
  });

  it('reports a certificate it cannot trust as tls, and never retries it', async () => {
    const client = createClient({ baseUrl: server.httpsUrl, token: 'token-dev-0001' }); // the global fetch: no trust in the self-signed certificate
    expect(await getDeviceConfig(client, device)).toMatchObject({ kind: 'transport', reason: 'tls', retryable: false, attempts: 1 });
  });

  it('retries a refused connection, then reports it as network', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as { port: number };
    await new Promise((resolve) => closed.close(resolve));
    const client = createClient({ baseUrl: `https://127.0.0.1:${port}`, retry: { maxAttempts: 3, baseDelayMs: 1 } });
    expect(await getDeviceConfig(client, device)).toMatchObject({ kind: 'transport', reason: 'network', retryable: true, attempts: 3 });
  });
});

import { RESPONSE_CODES } from '@iotv1/registry';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../src/server.js';
import type { FeedStore } from '../src/store.js';
import { call, expectError, feedData, type HttpReply, startServer } from './support.js';

/**
 * Every code of the registry, produced by the reference server over a real TLS socket. The table is checked
 * against the registry, so a code added to the spec without a case here fails the suite.
 */
let server: RunningServer;
let failing: RunningServer;
const path = (deviceId = 'dev-0001') => `/iot/v1/devices/${deviceId}/feed-data`;

const cases: Record<number, () => Promise<HttpReply>> = {
  2000: () => call(server, 'POST', path(), { json: feedData('code-2000') }),
  4000: () => call(server, 'POST', path(), { raw: '{"message_id": "x", ' }),
  4001: () => call(server, 'POST', path(), { token: null, json: feedData('code-4001') }),
  4002: () => call(server, 'POST', path('dev-unlicensed'), { token: 'token-dev-unlicensed', json: feedData('code-4002') }),
  4003: () => call(server, 'POST', path('dev-blocked'), { token: 'token-dev-blocked', json: feedData('code-4003') }),
  4004: () => call(server, 'POST', path('dev-9999'), { json: feedData('code-4004') }),
  4009: async () => {
    await call(server, 'POST', path(), { json: feedData('code-4009') });
    return call(server, 'POST', path(), { json: feedData('code-4009', [{ feed: 'temperature', value: 99 }]) });
  },
  4013: () => call(server, 'POST', path(), { json: feedData('code-4013', [{ feed: 'temperature', value: 'x'.repeat(70_000) }]) }),
  4015: () => call(server, 'POST', path(), { raw: 'message_id=1', contentType: 'application/x-www-form-urlencoded' }),
  4022: () => call(server, 'POST', path(), { json: { message_id: 'code-4022', readings: [] } }),
  4029: async () => {
    let reply: HttpReply;
    do reply = await call(server, 'GET', '/iot/v1/devices/dev-0002/config', { token: 'token-dev-0002' });
    while (reply.status === 200);
    return reply;
  },
  5000: () => call(failing, 'POST', path(), { json: feedData('code-5000') }),
  5003: async () => {
    server.setMaintenance(30);
    try {
      return await call(server, 'GET', '/iot/v1/devices/dev-0001/config');
    } finally {
      server.setMaintenance(null);
    }
  },
};

beforeAll(async () => {
  server = await startServer({ rateLimit: { capacity: 5, perSecond: 0.5 } });
  const brokenStore: FeedStore = {
    put: () => Promise.reject(new Error('disk on fire')),
    records: () => Promise.resolve([]),
  };
  failing = await startServer({}, { store: brokenStore });
});
afterAll(async () => {
  await server.close();
  await failing.close();
});
afterEach(() => {
  expect(server.violations).toEqual([]);
  expect(failing.violations).toEqual([]);
});

describe('every registry code over HTTPS', () => {
  it('has a case for each code of the registry', () => {
    expect(Object.keys(cases).map(Number)).toEqual(RESPONSE_CODES.map((entry) => entry.code));
  });

  it.each(RESPONSE_CODES.map((entry) => [entry.code, entry] as const))('%i', async (code, entry) => {
    const reply = await cases[code]!();
    if (entry.category === 'Success') {
      expect(reply).toMatchObject({ status: entry.httpStatus, body: { code, status: 'created' } });
      return;
    }
    expectError(reply, code, entry.httpStatus);
    expect((reply.body as { error: { type: string } }).error.type).toBe(entry.errorType);
    if (entry.retryable) expect(Number(reply.headers['retry-after'])).toBeGreaterThan(0);
    else expect(reply.headers['retry-after']).toBeUndefined();
  });
});

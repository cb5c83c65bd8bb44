import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../src/server.js';
import { call, expectError, feedData, startServer } from './support.js';

let server: RunningServer;
const path = '/iot/v1/devices/dev-0001/feed-data';

beforeAll(async () => {
  server = await startServer({ rateLimit: { capacity: 1_000_000, perSecond: 1_000_000 } });
});
afterAll(() => server.close());
afterEach(() => expect(server.violations).toEqual([]));

describe('bad input gets its code and never costs an accepted message', () => {
  it('accepts a message first', async () => {
    const reply = await call(server, 'POST', path, { json: feedData('kept-1') });
    expect(reply.body).toMatchObject({ code: 2000, status: 'created' });
  });

  it.each([
    ['malformed JSON', { raw: '{"message_id":' }, 4000, 400],
    ['an empty body', { raw: '' }, 4000, 400],
    ['a __proto__ key', { raw: '{"message_id":"p","readings":[{"feed":"a","value":1}],"__proto__":{"admin":true}}' }, 4000, 400],
    ['a constructor.prototype key', { json: { ...feedData('c'), constructor: { prototype: { admin: true } } } }, 4000, 400],
    ['wrong types', { json: { message_id: 42, readings: 'many' } }, 4022, 422],
    ['a reading of the wrong type', { json: feedData('t', [{ feed: 'temperature', value: { nested: true } }]) }, 4022, 422],
    ['deep nesting', { raw: `${'['.repeat(20_000)}${']'.repeat(20_000)}` }, 4022, 422],
    ['deeply nested objects', { raw: `${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}` }, 4022, 422],
    ['a huge body', { raw: JSON.stringify(feedData('h', [{ feed: 'x', value: 'y'.repeat(1_000_000) }])) }, 4013, 413],
    ['text/plain', { raw: JSON.stringify(feedData('tp')), contentType: 'text/plain' }, 4015, 415],
    ['XML', { raw: '<feed/>', contentType: 'application/xml' }, 4015, 415],
    ['no token', { token: null, json: feedData('nt') }, 4001, 401],
    ['a wrong token', { token: 'token-nobody', json: feedData('wt') }, 4001, 401],
    ["another device's path", { token: 'token-dev-0002', json: feedData('other') }, 4003, 403],
  ] as const)('%s', async (_name, options, code, status) => {
    expectError(await call(server, 'POST', path, options), code, status);
  });

  it('answers an unknown path with 4004', async () => {
    expectError(await call(server, 'GET', '/iot/v1/nothing-here'), 4004, 404);
    expectError(await call(server, 'DELETE', path), 4004, 404);
  });

  it('survives random bodies: never a 5xx, always a valid error envelope or an acceptance', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.json(),
          fc.string(),
          fc.jsonValue().map((v) => JSON.stringify({ message_id: 'r', readings: [v] })),
        ),
        async (raw) => {
          const reply = await call(server, 'POST', path, { raw });
          expect(reply.status).toBeLessThan(500);
          if (reply.status !== 200) expect((reply.body as { code: number }).code).toBeGreaterThanOrEqual(4000);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('still holds the message accepted first, once', async () => {
    const records = await server.store.records('dev-0001');
    expect(records.filter((r) => r.messageId === 'kept-1')).toHaveLength(1);
    const again = await call(server, 'POST', path, { json: feedData('kept-1') });
    expect(again.body).toMatchObject({ code: 2000, status: 'idempotent' });
  });
});

describe('a malformed device id is a malformed request (4000) on every operation, and touches no device', () => {
  const operations = [
    ['POST', 'feed-data', { json: feedData('near-miss') }],
    ['GET', 'config', {}],
    ['PUT', 'status', { json: { firmware_version: 'near-miss', uptime_s: 1 } }],
  ] as const;
  // Outside the pattern, 65 characters, beyond the router's 100, not valid percent-encoding, a path in disguise.
  const ids = ['dev%21x', 'dev-0001%20', 'd'.repeat(65), 'd'.repeat(101), 'dev%E0%A4%A', 'dev-0002%2F..%2Fdev-0001'];

  it.each(operations.flatMap(([method, resource, options]) => ids.map((id) => [method, resource, id, options] as const)))(
    '%s %s of %s',
    async (method, resource, id, options) => {
      const before = { records: await server.store.records('dev-0001'), status: server.devices.statusOf('dev-0001') };
      expectError(await call(server, method, `/iot/v1/devices/${id}/${resource}`, options), 4000, 400);
      expect({ records: await server.store.records('dev-0001'), status: server.devices.statusOf('dev-0001') }).toEqual(before);
    },
  );

  it('still asks for a token first when the id is merely outside the pattern', async () => {
    expectError(await call(server, 'GET', '/iot/v1/devices/dev%21x/config', { token: null }), 4001, 401);
  });
});

describe('idempotency and processing', () => {
  it('stores a message once: created, then idempotent (whatever the key order), then 4009 for other content', async () => {
    const message = feedData('idem-1', [{ feed: 'temperature', value: 20, unit: 'Cel' }]);
    expect((await call(server, 'POST', path, { json: message })).body).toMatchObject({ status: 'created', message_id: 'idem-1' });
    const reordered = { readings: [{ unit: 'Cel', value: 20, feed: 'temperature' }], message_id: 'idem-1' };
    expect((await call(server, 'POST', path, { json: reordered })).body).toMatchObject({ status: 'idempotent' });
    expectError(await call(server, 'POST', path, { json: feedData('idem-1', [{ feed: 'temperature', value: 21 }]) }), 4009, 409);
    expect((await server.store.records('dev-0001')).filter((r) => r.messageId === 'idem-1')).toHaveLength(1);
  });

  it('answers processed for a device whose data is processed later', async () => {
    const reply = await call(server, 'POST', '/iot/v1/devices/dev-deferred/feed-data', { token: 'token-dev-deferred', json: feedData('later-1') });
    expect(reply.body).toMatchObject({ code: 2000, status: 'processed' });
  });

  it('refuses a feed the device policy forbids', async () => {
    const reply = await call(server, 'POST', path, { json: feedData('cam-1', [{ feed: 'camera.raw', value: 'frame' }]) });
    expectError(reply, 4003, 403);
    expect(reply.body).toMatchObject({ error: { details: { feeds: ['camera.raw'] } } });
  });

  it('serves the device configuration and takes status reports', async () => {
    const config = await call(server, 'GET', '/iot/v1/devices/dev-0001/config');
    expect(config.body).toMatchObject({ code: 2000, config: { revision: 1, report_interval_s: 60 } });
    const status = await call(server, 'PUT', '/iot/v1/devices/dev-0001/status', { json: { firmware_version: '2.4.1', uptime_s: 10 } });
    expect(status.body).toMatchObject({ code: 2000, config_revision: 1 });
    expect(server.devices.statusOf('dev-0001')).toEqual({ firmware_version: '2.4.1', uptime_s: 10 });
  });
});

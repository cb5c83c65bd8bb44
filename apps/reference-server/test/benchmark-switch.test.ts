import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../src/server.js';
import { call, feedData, startServer } from './support.js';

let server: RunningServer;
const path = '/iot/v1/devices/dev-0001/feed-data';

// The benchmark's "validation off" mode must serve the same path as production, minus the request checks.
beforeAll(async () => {
  server = await startServer({ validateResponses: false }, { unsafeSkipRequestValidation: true });
});
afterAll(() => server.close());

describe('unsafeSkipRequestValidation (benchmarks only)', () => {
  it('answers feed data as production does: created, then idempotent', async () => {
    expect((await call(server, 'POST', path, { json: feedData('bench-1') })).body).toMatchObject({ code: 2000, status: 'created' });
    expect((await call(server, 'POST', path, { json: feedData('bench-1') })).body).toMatchObject({ code: 2000, status: 'idempotent' });
  });

  it('lets a body through that production refuses with 4022', async () => {
    const reply = await call(server, 'POST', path, { json: { message_id: 'no-readings', readings: [] } });
    expect(reply).toMatchObject({ status: 200, body: { code: 2000, status: 'created' } });
  });

  it('still authenticates: that is not request validation', async () => {
    expect((await call(server, 'POST', path, { token: null, json: feedData('anonymous') })).status).toBe(401);
  });
});

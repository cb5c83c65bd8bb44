import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { type ContractViolation, iotv1Fastify } from '../src/fastify.js';
import { validateHttpErrorResponse } from '../src/index.js';

const path = '/iot/v1/devices/dev-1/feed-data';
const submission = { message_id: 'm-1', readings: [{ feed: 'temperature', value: 1 }] };

function appWith(answer: unknown, violations: ContractViolation[]) {
  const app = Fastify({ bodyLimit: 1024 });
  const api = iotv1Fastify(app, { validateResponses: true, onViolation: (v) => violations.push(v) });
  api.route('submitFeedData', async ({ params, body }) => ({
    status: 200,
    body: answer ?? { code: 2000, status: 'created', message_id: body.message_id, request_id: params.deviceId },
  }));
  return app;
}

describe('the Fastify adapter', () => {
  it('passes validated, typed input to the handler and sends a conforming reply', async () => {
    const violations: ContractViolation[] = [];
    const reply = await appWith(undefined, violations).inject({ method: 'POST', url: path, payload: submission });
    expect(reply.statusCode).toBe(200);
    expect(reply.json()).toEqual({ code: 2000, status: 'created', message_id: 'm-1', request_id: 'dev-1' });
    expect(violations).toEqual([]);
  });

  it('refuses to send a reply that breaks the contract: 5000 instead, and the violation is reported', async () => {
    const violations: ContractViolation[] = [];
    const reply = await appWith({ code: 2000, status: 'stored' }, violations).inject({ method: 'POST', url: path, payload: submission });
    expect(reply.statusCode).toBe(500);
    expect(reply.json()).toMatchObject({ code: 5000, error: { type: 'internal_error' } });
    expect(violations).toMatchObject([{ operationId: 'submitFeedData', status: 200 }]);
  });

  it.each([
    ['malformed JSON', { payload: '{"a":', headers: { 'content-type': 'application/json' } }, 4000],
    ['a body over bodyLimit', { payload: { ...submission, readings: [{ feed: 'x', value: 'y'.repeat(2000) }] } }, 4013],
    ['text/plain', { payload: 'hello', headers: { 'content-type': 'text/plain' } }, 4015],
    ['a schema violation', { payload: { message_id: 'm', readings: [] } }, 4022],
  ] as const)('maps %s to %i with a valid error envelope', async (_name, request, code) => {
    const violations: ContractViolation[] = [];
    const reply = await appWith(undefined, violations).inject({ method: 'POST', url: path, ...request });
    expect(reply.json()).toMatchObject({ code });
    expect(validateHttpErrorResponse(reply.json()).ok).toBe(true);
    expect(violations).toEqual([]);
  });

  it('with unsafeSkipRequestValidation, hands an invalid body to the handler as it came (benchmarks only)', async () => {
    const app = Fastify({ logger: { level: 'silent' } });
    const received: unknown[] = [];
    iotv1Fastify(app, { unsafeSkipRequestValidation: true }).route('submitFeedData', async ({ params, body }) => {
      received.push({ params, body });
      return { status: 200, body: { code: 2000, status: 'created', message_id: 'm', request_id: 'r' } };
    });
    const reply = await app.inject({ method: 'POST', url: path, payload: { message_id: 'm', readings: [] } });
    expect(reply.statusCode).toBe(200);
    expect(received).toEqual([{ params: { deviceId: 'dev-1' }, body: { message_id: 'm', readings: [] } }]);
  });

  it('maps an unknown route to 4004 and a throwing handler to 5000, never 5003', async () => {
    const app = Fastify();
    const api = iotv1Fastify(app);
    api.route('getDeviceConfig', async () => {
      throw new Error('boom');
    });
    expect((await app.inject({ method: 'GET', url: '/nowhere' })).json()).toMatchObject({ code: 4004 });
    expect((await app.inject({ method: 'GET', url: '/iot/v1/devices/dev-1/config' })).json()).toMatchObject({ code: 5000 });
  });
});

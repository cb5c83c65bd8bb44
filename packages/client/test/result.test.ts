import { CATEGORY_OF_CLASS, classify, codeForHttpStatus, RESPONSE_CODES, ResponseCodes } from '@iotv1/registry';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromAck } from '../src/device.js';
import { interpret, type Result, retryAfterMs, transportFailure } from '../src/result.js';
import { DEFAULT_RETRY, withRetries } from '../src/retry.js';

const KINDS = ['success', 'error', 'unknown', 'transport'];
const anyCode = fc.oneof(fc.constantFrom(...RESPONSE_CODES.map((e) => e.code)), fc.integer({ min: 0, max: 10_000 }), fc.double());
const anyBody = fc.oneof(
  fc.anything(),
  fc.record(
    {
      code: fc.oneof(anyCode, fc.anything()),
      status: fc.oneof(fc.constantFrom('created', 'idempotent', 'processed'), fc.anything()),
      error: fc.oneof(fc.record({ type: fc.anything(), message: fc.anything(), details: fc.anything() }, { requiredKeys: [] }), fc.anything()),
      request_id: fc.oneof(fc.string(), fc.anything()),
    },
    { requiredKeys: [] },
  ),
);
const anyStatus = fc.oneof(fc.constantFrom(...RESPONSE_CODES.map((e) => e.httpStatus)), fc.integer({ min: 100, max: 599 }));
const now = Date.UTC(2026, 10, 21);

describe('the HTTPS handling rules', () => {
  it('map any status and body to exactly one variant, and never throw', () => {
    fc.assert(
      fc.property(anyStatus, anyBody, fc.option(fc.string()), (status, body, retryAfter) => {
        const result = interpret(status, body, retryAfter, now);
        expect(KINDS).toContain(result.kind);
        if (result.kind === 'success') expect(status >= 200 && status < 300).toBe(true);
        if (result.kind === 'error') expect(classify(result.code)).toMatchObject({ known: true, retryable: result.retryable });
        if (result.kind === 'unknown') expect(result.code).toBeNull();
      }),
      { numRuns: 2000 },
    );
  });

  it('use the top-level code first', () => {
    for (const entry of RESPONSE_CODES) {
      const body = { code: entry.code, error: { type: 'whatever', message: 'm', details: { a: 1 } }, request_id: 'req_1' };
      const result = interpret(entry.httpStatus, body, null, now);
      expect(result).toMatchObject({ kind: entry.errorType === null ? 'success' : 'error', code: entry.code, requestId: 'req_1' });
      if (result.kind === 'error') expect(result).toMatchObject({ errorType: entry.errorType, message: 'm', details: { a: 1 }, retryable: entry.retryable });
    }
    // The code wins over a status that disagrees, as long as the status is not a failure claiming success.
    expect(interpret(500, { code: ResponseCodes.SERVICE_UNAVAILABLE }, '3', now)).toMatchObject({
      code: ResponseCodes.SERVICE_UNAVAILABLE,
      retryAfterMs: 3000,
    });
  });

  it('check the HTTP status first: a success code on a failed status is not trusted', () => {
    expect(interpret(503, { code: ResponseCodes.OK }, null, now)).toMatchObject({ kind: 'error', code: ResponseCodes.SERVICE_UNAVAILABLE });
    expect(interpret(502, { code: ResponseCodes.OK }, null, now)).toMatchObject({ kind: 'unknown', receivedCode: null, category: 'Server Error' });
  });

  it('fall back to the HTTP status, mapped through the registry, when there is no code', () => {
    fc.assert(
      fc.property(anyStatus, fc.oneof(fc.constant(undefined), fc.constant({}), fc.string()), (status, body) => {
        const fallback = codeForHttpStatus(status);
        const result = interpret(status, body, null, now);
        if (fallback !== undefined) expect(result.code).toBe(fallback);
        else expect(result).toMatchObject({ kind: 'unknown', receivedCode: null, category: CATEGORY_OF_CLASS[Math.floor(status / 100) as 2] ?? null });
      }),
    );
    expect(interpret(429, undefined, '2', now)).toMatchObject({
      kind: 'error',
      code: ResponseCodes.RATE_LIMITED,
      errorType: 'rate_limited',
      retryable: true,
      retryAfterMs: 2000,
    });
    expect(interpret(200, { status: 'created' }, null, now)).toMatchObject({ kind: 'success', code: ResponseCodes.OK, status: 'created' });
  });

  it('classify an unknown code by its class and never mark it retryable', () => {
    expect(interpret(429, { code: 4077, error: { type: 'new_thing' } }, '1', now)).toMatchObject({
      kind: 'unknown',
      receivedCode: 4077,
      category: 'Client Error',
      errorType: 'new_thing',
      retryable: false,
    });
    expect(interpret(200, { code: 2001 }, null, now)).toMatchObject({ kind: 'unknown', receivedCode: 2001, category: 'Success' });
    // A number outside the code space is no code: the HTTP status decides.
    expect(interpret(500, { code: 12 }, null, now)).toMatchObject({ kind: 'error', code: 5000 });
    expect(interpret(302, { code: 12 }, null, now)).toMatchObject({ kind: 'unknown', receivedCode: null, category: null });
  });

  it('read Retry-After as seconds or an HTTP date', () => {
    expect(retryAfterMs('120', now)).toBe(120_000);
    expect(retryAfterMs(new Date(now + 5000).toUTCString(), now)).toBe(5000);
    expect(retryAfterMs(new Date(now - 5000).toUTCString(), now)).toBe(0);
    expect(retryAfterMs('soon', now)).toBeNull();
    expect(retryAfterMs(null, now)).toBeNull();
  });
});

describe('the MQTT handling rules', () => {
  it('map an ack to the same result model', () => {
    expect(fromAck({ message_id: 'm', status: 'created', retryable: false })).toMatchObject({ kind: 'success', code: ResponseCodes.OK, status: 'created' });
    expect(fromAck({ message_id: 'm', status: 'rejected', retryable: true, error: { type: 'rate_limited', message: 'slow down' } })).toMatchObject({
      kind: 'error',
      code: ResponseCodes.RATE_LIMITED,
      errorType: 'rate_limited',
      retryable: true,
      message: 'slow down',
      httpStatus: null,
    });
    expect(fromAck({ message_id: 'm', status: 'rejected', retryable: true, error: { type: 'brand_new' } })).toMatchObject({
      kind: 'unknown',
      code: null,
      errorType: 'brand_new',
      retryable: true,
    });
  });
});

describe('the retry loop', () => {
  const policy = { ...DEFAULT_RETRY, baseDelayMs: 1, maxDelayMs: 2 };
  const attempts = (results: Result<unknown>[]) => {
    let sent = 0;
    return { attempt: async () => results[Math.min(sent++, results.length - 1)]!, sent: () => sent };
  };

  it('stops at the first final result', async () => {
    const conflict = interpret(409, { code: ResponseCodes.CONFLICT }, null);
    const run = attempts([conflict]);
    expect(await withRetries(policy, undefined, run.attempt)).toMatchObject({ code: ResponseCodes.CONFLICT, attempts: 1 });
    expect(run.sent()).toBe(1);
  });

  it('is bounded by maxAttempts and by maxElapsedMs', async () => {
    const run = attempts([transportFailure('network', null)]);
    expect(await withRetries({ ...policy, maxAttempts: 3 }, undefined, run.attempt)).toMatchObject({ reason: 'network', attempts: 3 });
    const slow = attempts([interpret(503, { code: ResponseCodes.SERVICE_UNAVAILABLE }, '1')]);
    expect(await withRetries({ ...policy, maxElapsedMs: 500 }, undefined, slow.attempt)).toMatchObject({ attempts: 1 });
    expect(slow.sent()).toBe(1);
  });

  it('never retries TLS failures or aborts', async () => {
    for (const reason of ['tls', 'abort'] as const) {
      const run = attempts([transportFailure(reason, null)]);
      expect(await withRetries(policy, undefined, run.attempt)).toMatchObject({ reason, attempts: 1 });
    }
  });
});

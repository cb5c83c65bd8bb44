import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { RESPONSE_CODES } from '@iotv1/registry';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkAck,
  checkResponse,
  type ErrorCode,
  errorReply,
  messages,
  operations,
  replies,
  validateFeedDataAck,
  validateFeedDataSubmission,
  validateHttpErrorResponse,
} from '../src/index.js';

const submission = { message_id: 'm-1', readings: [{ feed: 'temperature', value: 21.5 }] };

describe('validators', () => {
  it('return the typed value for valid data', () => {
    const result = validateFeedDataSubmission(submission);
    expect(result).toEqual({ ok: true, value: submission });
  });

  it('point at the offending value, with the keyword that failed', () => {
    expect(validateFeedDataSubmission({ ...submission, readings: [] })).toMatchObject({
      ok: false,
      issues: [{ pointer: '/readings', keyword: 'minItems', message: 'must NOT have fewer than 1 items' }],
    });
    expect(validateFeedDataSubmission({ readings: submission.readings })).toMatchObject({
      ok: false,
      issues: [{ pointer: '/message_id', keyword: 'required' }],
    });
    expect(validateFeedDataSubmission({ ...submission, extra: 1 })).toMatchObject({
      ok: false,
      issues: [{ pointer: '/extra', keyword: 'additionalProperties' }],
    });
  });

  it('build issues once, on first read, and keep them in JSON', () => {
    const result = validateFeedDataSubmission({ ...submission, readings: [] });
    // A later validation replaces the compiled function's errors; an earlier result, not yet read, keeps its own.
    const second = validateFeedDataSubmission({ readings: submission.readings });
    if (result.ok || second.ok) throw new Error('expected invalid results');
    expect(result.issues).toMatchObject([{ keyword: 'minItems' }]);
    expect(second.issues).toMatchObject([{ keyword: 'required' }]);
    expect(result.issues).toBe(result.issues);
    expect(JSON.parse(JSON.stringify(result))).toEqual({ ok: false, issues: result.issues });
  });

  it('check formats and lengths (date-time, surrogate pairs in lengths)', () => {
    expect(validateFeedDataSubmission({ ...submission, sent_at: 'yesterday' })).toMatchObject({ ok: false, issues: [{ keyword: 'format' }] });
    expect(validateFeedDataSubmission({ ...submission, sent_at: '2026-11-21T10:15:00Z' }).ok).toBe(true);
    const unit = '😀'.repeat(16); // 16 characters, 32 UTF-16 units: maxLength counts characters
    expect(validateFeedDataSubmission({ ...submission, readings: [{ feed: 'x', value: 1, unit }] }).ok).toBe(true);
  });

  it('never throw, whatever they are given', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        for (const validate of [validateFeedDataSubmission, validateFeedDataAck, validateHttpErrorResponse]) {
          const result = validate(value);
          expect(typeof result.ok).toBe('boolean');
        }
      }),
    );
  });

  it('load from plain Node ESM (no require left in the compiled code)', () => {
    const entry = fileURLToPath(new URL('../dist/index.js', import.meta.url));
    const script = `import { validateFeedDataSubmission } from ${JSON.stringify(entry)}; console.log(validateFeedDataSubmission({}).ok);`;
    expect(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }).trim()).toBe('false');
  });
});

describe('error replies', () => {
  const errorCodes = RESPONSE_CODES.filter((entry) => entry.errorType !== null);

  it.each(errorCodes.map((entry) => [entry.code, entry] as const))('code %i gets its status, type and a valid envelope', (code, entry) => {
    const reply = entry.retryable ? errorReply(code as 4029, 'req_1', { retryAfterSeconds: 7 }) : errorReply(code as 4000, 'req_1');
    expect(reply.status).toBe(entry.httpStatus);
    expect(reply.body).toMatchObject({ code, error: { type: entry.errorType, message: entry.message }, request_id: 'req_1' });
    expect(validateHttpErrorResponse(reply.body).ok).toBe(true);
    expect(reply.headers).toEqual(entry.retryable ? { 'retry-after': '7' } : {});
  });

  it('cover the shared failures with their codes', () => {
    expect(replies.malformedJson('r', 'Unexpected token').body.code).toBe(4000);
    expect(replies.unauthorized('r').body.code).toBe(4001);
    expect(replies.notFound('r').body.code).toBe(4004);
    expect(replies.payloadTooLarge('r', 1024).body).toMatchObject({ code: 4013, error: { details: { limit_bytes: 1024 } } });
    expect(replies.unsupportedMediaType('r', 'text/plain').body.code).toBe(4015);
    expect(replies.validationFailed('r', [{ pointer: '/a', keyword: 'type', message: 'must be string' }]).body.error.details).toEqual({
      issues: [{ pointer: '/a', keyword: 'type', message: 'must be string' }],
    });
    expect(replies.internalError('r').body.code).toBe(5000);
  });

  it('are refused by the conformance check when code and status or type disagree', () => {
    const notFound = replies.notFound('r');
    expect(checkResponse('submitFeedData', 404, notFound.body)).toEqual([]);
    // The 400 response's schema itself allows only 4000, so the schema check names the mismatch.
    expect(checkResponse('submitFeedData', 400, notFound.body)).toMatchObject([{ pointer: '/code', keyword: 'const' }]);
    const wrongType = { ...notFound.body, error: { ...notFound.body.error, type: 'forbidden' } };
    expect(checkResponse('submitFeedData', 404, wrongType)).toMatchObject([{ pointer: '/error/type' }]);
    expect(checkResponse('getDeviceConfig', 409, notFound.body)).toMatchObject([{ keyword: 'status' }]);
  });

  it('type-check: retryable codes need Retry-After', () => {
    // @ts-expect-error 4029 is retryable: retryAfterSeconds is required
    errorReply(4029 satisfies ErrorCode, 'r');
  });
});

describe('acknowledgements', () => {
  it('agree with the registry', () => {
    expect(checkAck({ message_id: 'm', status: 'created', retryable: false })).toEqual([]);
    expect(checkAck({ message_id: 'm', status: 'rejected', retryable: true, error: { type: 'rate_limited' } })).toEqual([]);
    expect(checkAck({ message_id: 'm', status: 'rejected', retryable: false, error: { type: 'rate_limited' } })).toMatchObject([{ pointer: '/retryable' }]);
    expect(checkAck({ message_id: 'm', status: 'rejected', retryable: false })).toMatchObject([{ pointer: '/error' }]);
    expect(checkAck({ message_id: 'm', status: 'rejected', retryable: false, error: { type: 'no_such_type' } })).toMatchObject([{ pointer: '/error/type' }]);
  });
});

describe('the operation and message tables', () => {
  it('describe every operation and message with its validators', () => {
    expect(operations.submitFeedData).toMatchObject({ method: 'POST', path: '/iot/v1/devices/{deviceId}/feed-data', bodyRequired: true });
    expect(operations.submitFeedData.params({ deviceId: 'dev-1' }).ok).toBe(true);
    expect(operations.submitFeedData.params({ deviceId: 'no spaces' }).ok).toBe(false);
    expect(messages.feedData).toMatchObject({ address: 'iot/v1/devices/{deviceId}/feed-data', action: 'send' });
    expect(messages.feedDataAck.action).toBe('receive');
  });
});

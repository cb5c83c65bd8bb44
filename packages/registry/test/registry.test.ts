import fc from 'fast-check';
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  CATEGORY_OF_CLASS,
  CONTRACT,
  categoryOf,
  classify,
  codeForErrorType,
  codeForHttpStatus,
  type ErrorType,
  errorTypeOf,
  httpStatusOf,
  isResponseCode,
  isRetryable,
  lookupCode,
  RESPONSE_CODES,
  type ResponseCode,
  ResponseCodes,
} from '../src/index.js';

const known = new Set<number>(RESPONSE_CODES.map((entry) => entry.code));

describe('the registry table', () => {
  it('is sorted by code, with one entry per code and per error type', () => {
    const codes = RESPONSE_CODES.map((entry) => entry.code);
    expect(codes).toEqual([...codes].sort((a, b) => a - b));
    expect(new Set(codes).size).toBe(codes.length);
    const errorTypes = RESPONSE_CODES.flatMap((entry) => (entry.errorType === null ? [] : [entry.errorType]));
    expect(new Set(errorTypes).size).toBe(errorTypes.length);
  });

  it('names every code once', () => {
    expect(Object.values(ResponseCodes).sort((a, b) => a - b)).toEqual(RESPONSE_CODES.map((entry) => entry.code));
  });

  it('carries the contract version and content hash', () => {
    expect(CONTRACT.specVersion).toMatch(/^\d+\.\d+\.\d+$/);
    expect(CONTRACT.contentHash).toMatch(/^sha256:[0-9a-f]{64}$/);
  });
});

describe.each(RESPONSE_CODES.map((entry) => [entry.code, entry] as const))('code %i', (code, entry) => {
  it('looks up to its own entry', () => {
    expect(lookupCode(code)).toBe(entry);
    expect(isResponseCode(code)).toBe(true);
    expect(errorTypeOf(code)).toBe(entry.errorType);
    expect(httpStatusOf(code)).toBe(entry.httpStatus);
    expect(categoryOf(code)).toBe(entry.category);
    expect(isRetryable(code)).toBe(entry.retryable);
  });

  it('round-trips through its error type and (when it is the fallback) its HTTP status', () => {
    if (entry.errorType !== null) expect(codeForErrorType(entry.errorType)).toBe(code);
    if (entry.httpFallback) expect(codeForHttpStatus(entry.httpStatus)).toBe(code);
  });

  it('classifies as known, in the category of its class', () => {
    const result = classify(code);
    expect(result).toMatchObject({ known: true, code, category: entry.category, retryable: entry.retryable });
    expect(CATEGORY_OF_CLASS[Math.floor(code / 1000) as keyof typeof CATEGORY_OF_CLASS]).toBe(entry.category);
  });
});

describe('codes this version has never seen', () => {
  it('are classified by their class, never retried, never thrown on', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1000, max: 9999 }).filter((code) => !known.has(code)),
        (code) => {
          const result = classify(code);
          const classCategory = (CATEGORY_OF_CLASS as Record<number, string | undefined>)[Math.floor(code / 1000)] ?? null;
          expect(result).toEqual({ known: false, code, category: classCategory, retryable: false });
          expect(isRetryable(code)).toBe(false);
          expect(lookupCode(code)).toBeUndefined();
        },
      ),
    );
  });

  it('handles any number at all, including non-integers, negatives, NaN and infinities', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.double(), fc.integer()).filter((n) => !known.has(n)),
        (n) => {
          const result = classify(n);
          expect(result.known).toBe(false);
          if (!(Number.isInteger(n) && n >= 1000 && n <= 9999)) expect(result.category).toBeNull();
        },
      ),
    );
  });

  it('leaves unknown error types and HTTP statuses unmapped', () => {
    expect(codeForErrorType('no_such_type')).toBeUndefined();
    expect(codeForErrorType('')).toBeUndefined();
    expect(codeForHttpStatus(418)).toBeUndefined();
  });
});

describe('types', () => {
  it('narrow lookups by code', () => {
    expectTypeOf(errorTypeOf(ResponseCodes.RATE_LIMITED)).toEqualTypeOf<'rate_limited'>();
    expectTypeOf(errorTypeOf(ResponseCodes.OK)).toEqualTypeOf<null>();
    expectTypeOf(httpStatusOf(ResponseCodes.RATE_LIMITED)).toEqualTypeOf<429>();
    expectTypeOf<ResponseCode>().toExtend<number>();
    expectTypeOf<'rate_limited'>().toExtend<ErrorType>();
  });

  it('narrow a classification by `known`', () => {
    const result = classify(4029);
    if (result.known) expectTypeOf(result.code).toEqualTypeOf<ResponseCode>();
    else expectTypeOf(result.code).toEqualTypeOf<number>();
  });
});

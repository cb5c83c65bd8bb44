import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { longerThan, remembering, shorterThan, ucs2length } from '../src/helpers.js';
import { validateErrorType, validateFeedDataSubmission, validateMessageId, validateSubmitFeedDataParams } from '../src/index.js';

// The checks the generator writes in place of Ajv's string lengths and RegExp must give the very same verdicts. (date-time,
// which is exact RFC 3339 and so stricter than ajv-formats, has its own test: date-time.test.ts.)

describe('string lengths', () => {
  it('longerThan and shorterThan compare code points as ucs2length does', () => {
    const text = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 40 }));
    fc.assert(
      fc.property(text, fc.integer({ min: 0, max: 45 }), (value, limit) => {
        expect(longerThan(value, limit)).toBe(ucs2length(value) > limit);
        expect(shorterThan(value, limit)).toBe(ucs2length(value) < limit);
      }),
      { numRuns: 5_000 },
    );
  });
});

describe('compiled patterns', () => {
  const codePoints = (text: string): number => [...text].length;
  /** Mostly characters near the classes' edges, some from anywhere. */
  const candidate = fc.oneof(
    fc.array(fc.constantFrom(...'aAzZ09_.-:/`{@[ \u00e9\u0130\u212a'.split(''), '😀'), { maxLength: 70 }).map((chars) => chars.join('')),
    fc.string({ maxLength: 70 }),
    fc.string({ unit: 'binary', maxLength: 70 }),
  );
  const cases = [
    ['error type', /^[a-z][a-z0-9_]*$/u, (text: string) => validateErrorType(text).ok, (text: string) => codePoints(text) <= 64],
    ['message id', /^[A-Za-z0-9._:-]+$/u, (text: string) => validateMessageId(text).ok, (text: string) => codePoints(text) >= 1 && codePoints(text) <= 64],
    [
      'feed',
      /^[a-z][a-z0-9_.-]*$/u,
      (text: string) => validateFeedDataSubmission({ message_id: 'm-1', readings: [{ feed: text, value: 1 }] }).ok,
      (text: string) => codePoints(text) <= 64,
    ],
    ['device id', /^[A-Za-z0-9_-]{1,64}$/u, (text: string) => validateSubmitFeedDataParams({ deviceId: text }).ok, () => true],
  ] as const;

  it.each(cases)('%s: the validator agrees with the RegExp', (_name, pattern, validate, lengthAllows) => {
    fc.assert(
      fc.property(candidate, (text) => validate(text) === (pattern.test(text) && lengthAllows(text))),
      { numRuns: 5_000 },
    );
  });
});

describe('remembering patterns', () => {
  it('give the pattern’s verdicts, asking it once per accepted string', () => {
    const asked: string[] = [];
    const pattern = {
      test: (text: string) => {
        asked.push(text);
        return /^[a-z]+$/.test(text);
      },
    };
    const remembered = remembering(pattern);
    const long = 'a'.repeat(65);
    for (let round = 0; round < 3; round++) {
      expect([remembered.test('abc'), remembered.test('ABC'), remembered.test(long)]).toEqual([true, false, true]);
    }
    // Refused strings and long ones are checked every time; a short accepted one only once.
    expect(asked).toEqual(['abc', 'ABC', long, 'ABC', long, 'ABC', long]);
  });

  it('forget everything when full, and learn again', () => {
    const asked: string[] = [];
    const remembered = remembering({ test: (text: string) => asked.push(text) > 0 });
    remembered.test('first');
    for (let i = 0; i < 1024; i++) remembered.test(`feed.${i}`);
    asked.length = 0;
    remembered.test('first');
    remembered.test('first');
    expect(asked).toEqual(['first']);
  });
});

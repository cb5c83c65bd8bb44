import { fullFormats } from 'ajv-formats/dist/formats.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isDateTime } from '../src/formats.js';
import { longerThan, shorterThan, ucs2length } from '../src/helpers.js';
import { validateErrorType, validateFeedDataSubmission, validateMessageId, validateSubmitFeedDataParams } from '../src/index.js';

// The checks the generator writes in place of ajv-formats and RegExp must give the very same verdicts.

const ajvDateTime = (fullFormats['date-time'] as { validate: (text: string) => boolean }).validate;
const pad = (value: number, width: number): string => String(value).padStart(width, '0');

/** Mostly the values next to a limit (leap seconds live there), sometimes any. */
const edgeOr = (edges: readonly number[], max: number) => fc.oneof({ arbitrary: fc.constantFrom(...edges), weight: 3 }, fc.integer({ min: 0, max }));

/** Strings shaped like date-times around every boundary ajv-formats checks, and some that only look like one. */
const dateTimeLike = fc
  .record({
    year: fc.oneof(fc.constantFrom(0, 1900, 2000, 2024, 2026, 2100, 9999), fc.integer({ min: 0, max: 9999 })),
    month: edgeOr([0, 1, 2, 12, 13], 13),
    day: edgeOr([0, 1, 28, 29, 30, 31, 32], 32),
    separator: fc.constantFrom('T', 't', ' ', '\t', '\n', '\u00a0', '\u2028', '\u3000', '\ufeff', 'x', '_', ''),
    hour: edgeOr([0, 1, 22, 23, 24, 25, 99], 99),
    minute: edgeOr([0, 1, 58, 59, 60, 61, 99], 99),
    second: edgeOr([0, 58, 59, 60, 61, 62, 99], 99),
    fraction: fc.constantFrom('', '.0', '.5', '.123456', '.999999999999999999', '.', '.x'),
    zone: fc.constantFrom(
      'Z',
      'z',
      '',
      '+00:00',
      '+01:00',
      '-01:00',
      '+0100',
      '+01',
      '-00:01',
      '+00:01',
      '+23:59',
      '-23:59',
      '+24:00',
      '-23:00',
      '+00:60',
      '+01:',
      '+1',
      'ZZ',
      '\u000b00',
    ),
  })
  .map(
    (d) => `${pad(d.year, 4)}-${pad(d.month, 2)}-${pad(d.day, 2)}${d.separator}${pad(d.hour, 2)}:${pad(d.minute, 2)}:${pad(d.second, 2)}${d.fraction}${d.zone}`,
  );

const pieces = fc.array(fc.constantFrom('2026', '02', '29', '23', '59', '60', '-', ':', '.', '+', 'T', 't', ' ', 'Z', 'z', '0', '9'), { maxLength: 16 });

describe('date-time', () => {
  it('accepts and rejects exactly what ajv-formats (full mode) does', () => {
    const anyText = fc.oneof(
      dateTimeLike,
      pieces.map((p) => p.join('')),
      fc.string(),
      fc.string({ unit: 'binary' }),
    );
    fc.assert(
      fc.property(anyText, (text) => isDateTime(text) === ajvDateTime(text)),
      { numRuns: 20_000 },
    );
  });

  it.each([
    ['2026-11-21T10:14:58Z', true],
    ['2024-02-29t10:14:58.5z', true],
    ['2023-02-29T10:14:58Z', false],
    ['2026-11-21 23:59:60Z', true],
    ['2026-11-21T23:59:60+01:00', false],
    ['2026-11-21T22:59:60-01:00', true],
    ['2026-11-21T24:59:30+01:00', true], // ajv-formats' leap-second arithmetic allows it; so do we
    ['2026-11-21T10:14:58', false],
    ['2026-11-21T10:14:58+0530', true],
    ['2026-11-21T00:00:60+00:01', true], // UTC 23:59:60 of the day before: the hour borrows from the minute
    ['2026-11-21T00:00:60.5-23:59', true],
    ['2026-11-21T00:00:60.5-23:58', false],
    ['2026-11-21T23:59:59.99999999999999999Z', true], // rounds to 60: accepted as a leap second at 23:59 UTC
    ['2026-11-21T10:14:59.99999999999999999Z', false],
  ])('%s: %s, as ajv-formats says', (text, expected) => {
    expect(ajvDateTime(text)).toBe(expected);
    expect(isDateTime(text)).toBe(expected);
  });
});

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

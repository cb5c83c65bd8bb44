import { seededRandom as mulberry32 } from '@iotv1/test-tools/random';
import { fullFormats } from 'ajv-formats/dist/formats.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isDateTime } from '../src/formats.js';

// isDateTime must be RFC 3339 section 5.6 `date-time`, exactly. It is held here to a reference written straight from
// the RFC's ABNF, in a different style on purpose: a recursive-descent parser, one function per rule, over the
// string's characters, then the semantic rules of section 5.7 (days per month, leap years, leap seconds) on the
// numbers it read.

// ---------------------------------------------------------------------------------------------------------------
// Reference: RFC 3339 section 5.6 (grammar) and 5.7 (restrictions).
// ---------------------------------------------------------------------------------------------------------------

interface Parsed {
  year: number;
  month: number;
  mday: number;
  hour: number;
  minute: number;
  second: number;
  /** Minutes east of UTC. */
  offset: number;
}

class SyntaxMismatch extends Error {}

class Rfc3339Parser {
  private position = 0;

  constructor(private readonly input: string) {}

  /** date-time = full-date "T" full-time */
  dateTime(): Parsed {
    const date = this.fullDate();
    this.literal('T');
    const time = this.fullTime();
    if (this.position !== this.input.length) throw new SyntaxMismatch('trailing characters');
    return { ...date, ...time };
  }

  /** full-date = date-fullyear "-" date-month "-" date-mday */
  private fullDate(): Pick<Parsed, 'year' | 'month' | 'mday'> {
    const year = this.dateFullyear();
    this.literal('-');
    const month = this.dateMonth();
    this.literal('-');
    const mday = this.dateMday();
    return { year, month, mday };
  }

  /** full-time = partial-time time-offset */
  private fullTime(): Pick<Parsed, 'hour' | 'minute' | 'second' | 'offset'> {
    const partial = this.partialTime();
    const offset = this.timeOffset();
    return { ...partial, offset };
  }

  /** partial-time = time-hour ":" time-minute ":" time-second [time-secfrac] */
  private partialTime(): Pick<Parsed, 'hour' | 'minute' | 'second'> {
    const hour = this.timeHour();
    this.literal(':');
    const minute = this.timeMinute();
    this.literal(':');
    const second = this.timeSecond();
    if (this.peek() === '.') this.timeSecfrac();
    return { hour, minute, second };
  }

  /** time-offset = "Z" / time-numoffset */
  private timeOffset(): number {
    const next = this.peek();
    if (next === '+' || next === '-') return this.timeNumoffset();
    this.literal('Z');
    return 0;
  }

  /** time-numoffset = ("+" / "-") time-hour ":" time-minute */
  private timeNumoffset(): number {
    const sign = this.take() === '-' ? -1 : 1;
    const hour = this.timeHour();
    this.literal(':');
    const minute = this.timeMinute();
    return sign * (hour * 60 + minute);
  }

  /** date-fullyear = 4DIGIT */
  private dateFullyear(): number {
    return this.digits(4);
  }

  /** date-month = 2DIGIT ; 01-12 */
  private dateMonth(): number {
    return this.inRange(this.digits(2), 1, 12);
  }

  /** date-mday = 2DIGIT ; 01-28, 01-29, 01-30, 01-31 based on month/year (checked in section 5.7, below) */
  private dateMday(): number {
    return this.inRange(this.digits(2), 1, 31);
  }

  /** time-hour = 2DIGIT ; 00-23 */
  private timeHour(): number {
    return this.inRange(this.digits(2), 0, 23);
  }

  /** time-minute = 2DIGIT ; 00-59 */
  private timeMinute(): number {
    return this.inRange(this.digits(2), 0, 59);
  }

  /** time-second = 2DIGIT ; 00-58, 00-59, 00-60 based on leap second rules (checked in section 5.7, below) */
  private timeSecond(): number {
    return this.inRange(this.digits(2), 0, 60);
  }

  /** time-secfrac = "." 1*DIGIT */
  private timeSecfrac(): void {
    this.literal('.');
    this.digits(1);
    while (this.isDigit(this.peek())) this.position++;
  }

  /** n DIGIT, DIGIT = %x30-39 (ASCII 0-9 only), as a number. */
  private digits(count: number): number {
    let value = 0;
    for (let i = 0; i < count; i++) {
      const character = this.take();
      if (!this.isDigit(character)) throw new SyntaxMismatch(`expected a digit at ${this.position - 1}`);
      value = value * 10 + (character.charCodeAt(0) - 0x30);
    }
    return value;
  }

  /** A quoted ABNF string: case-insensitive (RFC 5234 section 2.3), so "T" also matches "t", "Z" also "z". */
  private literal(expected: string): void {
    const character = this.take();
    if (character.toLowerCase() !== expected.toLowerCase() || character.length !== 1) throw new SyntaxMismatch(`expected ${expected}`);
  }

  private inRange(value: number, min: number, max: number): number {
    if (value < min || value > max) throw new SyntaxMismatch(`${value} outside ${min}-${max}`);
    return value;
  }

  private isDigit(character: string): boolean {
    return character.length === 1 && character >= '0' && character <= '9';
  }

  private peek(): string {
    return this.input.charAt(this.position);
  }

  private take(): string {
    const character = this.input.charAt(this.position);
    this.position++;
    return character;
  }
}

/** RFC 3339 appendix C: a year is a leap year if divisible by 4, except centuries, except those divisible by 400. */
function isLeapYear(year: number): boolean {
  if (year % 400 === 0) return true;
  if (year % 100 === 0) return false;
  return year % 4 === 0;
}

/** Section 5.7: the maximum day-of-month by month and year. */
function maxMday(year: number, month: number): number {
  switch (month) {
    case 2:
      return isLeapYear(year) ? 29 : 28;
    case 4:
    case 6:
    case 9:
    case 11:
      return 30;
    default:
      return 31;
  }
}

/**
 * Section 5.7: second 60 only where a leap second may be, at the end of a UTC day (23:59:60Z). Which days did have
 * one needs a table the RFC does not require; any day is accepted. The UTC time of day is worked out with Date.
 */
function isLeapSecondTime(hour: number, minute: number, offset: number): boolean {
  const utc = new Date(Date.UTC(2000, 0, 15, hour, minute - offset));
  return utc.getUTCHours() === 23 && utc.getUTCMinutes() === 59;
}

/** RFC 3339 `date-time`, as the reference reads it. */
function reference(text: string): boolean {
  let parsed: Parsed;
  try {
    parsed = new Rfc3339Parser(text).dateTime();
  } catch (error) {
    if (error instanceof SyntaxMismatch) return false;
    throw error;
  }
  if (parsed.mday > maxMday(parsed.year, parsed.month)) return false;
  if (parsed.second === 60 && !isLeapSecondTime(parsed.hour, parsed.minute, parsed.offset)) return false;
  return true;
}

// ---------------------------------------------------------------------------------------------------------------
// Candidates: valid date-times, and the near misses around every rule.
// ---------------------------------------------------------------------------------------------------------------

class Candidates {
  private readonly random: () => number;

  constructor(seed: number) {
    this.random = mulberry32(seed);
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.random() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(0, items.length - 1)]!;
  }

  chance(p: number): boolean {
    return this.random() < p;
  }

  /** A value next to a limit most of the time, else anything in 0..max. */
  edgeOr(edges: readonly number[], max: number): number {
    return this.chance(0.6) ? this.pick(edges) : this.int(0, max);
  }

  pad(value: number, width: number): string {
    return String(value).padStart(width, '0');
  }

  year(): number {
    return this.chance(0.5) ? this.pick([0, 1, 4, 100, 400, 1900, 1970, 1998, 2000, 2016, 2024, 2100, 2400, 9999]) : this.int(0, 9999);
  }

  fraction(): string {
    return this.pick([
      '',
      '',
      '',
      '.0',
      '.5',
      '.123',
      '.999',
      '.999999',
      '.999999999999999',
      '.9999999999999999',
      '.99999999999999999999',
      `.${'9'.repeat(this.int(1, 40))}`,
      `.${'0'.repeat(this.int(1, 20))}1`,
      `.${String(this.int(0, 1e9))}`,
    ]);
  }

  offset(): string {
    if (this.chance(0.35)) return this.pick(['Z', 'z', 'Z', '+00:00', '-00:00']);
    const sign = this.pick(['+', '-']);
    const hour = this.edgeOr([0, 1, 5, 8, 12, 14, 23], 23);
    const minute = this.edgeOr([0, 1, 30, 45, 59], 59);
    return `${sign}${this.pad(hour, 2)}:${this.pad(minute, 2)}`;
  }

  /** A valid RFC 3339 date-time, leap seconds included where the offset puts them at 23:59 UTC. */
  valid(): string {
    const year = this.year();
    const month = this.int(1, 12);
    const day = this.chance(0.4) ? maxMday(year, month) : this.int(1, maxMday(year, month));
    const separator = this.chance(0.9) ? 'T' : 't';
    const offset = this.offset();
    let hour = this.edgeOr([0, 1, 12, 22, 23], 23);
    let minute = this.edgeOr([0, 1, 58, 59], 59);
    let second = this.edgeOr([0, 1, 58, 59], 59);
    if (this.chance(0.15)) {
      // A leap second: local time is 23:59 UTC shifted by the offset.
      const east = offset.length === 1 ? 0 : (offset[0] === '-' ? -1 : 1) * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6)));
      const local = (((23 * 60 + 59 + east) % 1440) + 1440) % 1440;
      hour = Math.floor(local / 60);
      minute = local % 60;
      second = 60;
    }
    return `${this.pad(year, 4)}-${this.pad(month, 2)}-${this.pad(day, 2)}${separator}${this.pad(hour, 2)}:${this.pad(minute, 2)}:${this.pad(second, 2)}${this.fraction()}${offset}`;
  }

  /** Each field drawn around its limits, over them too: month 0/13, day 29-32, hour 24, minute 60, second 60 anywhere. */
  nearValid(): string {
    const year = this.year();
    const month = this.edgeOr([0, 1, 2, 4, 12, 13], 99);
    const day = this.edgeOr([0, 1, 28, 29, 30, 31, 32], 99);
    const hour = this.edgeOr([0, 15, 23, 24, 25, 99], 99);
    const minute = this.edgeOr([0, 59, 60, 61, 89, 99], 99);
    const second = this.edgeOr([0, 59, 60, 60, 60, 61, 99], 99);
    const separator = this.chance(0.7) ? this.pick(['T', 't']) : this.pick(WHITE_SPACE_AND_OTHERS);
    const offset = this.chance(0.6) ? this.offset() : this.pick(BAD_OFFSETS);
    return `${this.pad(year, 4)}-${this.pad(month, 2)}-${this.pad(day, 2)}${separator}${this.pad(hour, 2)}:${this.pad(minute, 2)}:${this.pad(second, 2)}${this.fraction()}${offset}`;
  }

  /** A valid date-time with one character changed, dropped, inserted or doubled, or its separator swapped. */
  mutated(): string {
    const text = this.valid();
    const at = this.int(0, text.length - 1);
    switch (this.int(0, 4)) {
      case 0:
        return text.slice(0, at) + this.pick(MUTATION_CHARACTERS) + text.slice(at + 1);
      case 1:
        return text.slice(0, at) + text.slice(at + 1);
      case 2:
        return text.slice(0, at) + this.pick(MUTATION_CHARACTERS) + text.slice(at);
      case 3:
        return text.slice(0, at) + text[at] + text.slice(at);
      default:
        return text.slice(0, 10) + this.pick(WHITE_SPACE_AND_OTHERS) + text.slice(11);
    }
  }

  /** Offsets in the shapes ajv-formats accepts and RFC 3339 does not, and other wrong ones. */
  badOffset(): string {
    const text = this.valid();
    let zone = 19; // after the seconds: skip the fraction
    while (zone < text.length && /[.0-9]/.test(text[zone]!)) zone++;
    return text.slice(0, zone) + this.pick(BAD_OFFSETS);
  }

  /** Pieces of date-times, put together in any order. */
  jumble(): string {
    let text = '';
    for (let i = this.int(0, 14); i > 0; i--) text += this.pick(PIECES);
    return text;
  }

  next(): string {
    const kind = this.int(0, 9);
    if (kind <= 2) return this.valid();
    if (kind <= 5) return this.nearValid();
    if (kind <= 7) return this.mutated();
    if (kind === 8) return this.badOffset();
    return this.jumble();
  }
}

const WHITE_SPACE_AND_OTHERS = [
  ' ',
  '\t',
  '\n',
  '\v',
  '\f',
  '\r',
  '\u00a0',
  '\u1680',
  '\u2000',
  '\u200a',
  '\u2028',
  '\u2029',
  '\u202f',
  '\u205f',
  '\u3000',
  '\ufeff',
  '_',
  'x',
  'Ｔ',
  '',
  'TT',
];
const BAD_OFFSETS = [
  '+0100',
  '-0530',
  '+01',
  '-08',
  '+1',
  '+01:',
  '+01:0',
  '+1:00',
  '+24:00',
  '-24:00',
  '+00:60',
  '+23:60',
  '+99:99',
  '',
  'ZZ',
  'Z ',
  ' Z',
  'UTC',
  '+01:00Z',
  '\u000b00',
  '+01:00:00',
  '±01:00',
  '\u221201:00',
];
const MUTATION_CHARACTERS = [...'0123456789:-+.TtZz ', '\u00a0', '\u0660', '٣', '\u0000', 'a', '/'];
const PIECES = [
  '2026',
  '1998',
  '0000',
  '9999',
  '02',
  '12',
  '29',
  '31',
  '23',
  '24',
  '59',
  '60',
  '-',
  ':',
  '.',
  '+',
  'T',
  't',
  ' ',
  'Z',
  'z',
  '0',
  '9',
  '.999999999999999999',
];

// ---------------------------------------------------------------------------------------------------------------
// Tests.
// ---------------------------------------------------------------------------------------------------------------

const ajvDateTime = (fullFormats['date-time'] as { validate: (text: string) => boolean }).validate;

describe('the reference', () => {
  it('has the Gregorian calendar of JavaScript Date for every year 0000-9999', () => {
    const date = new Date(0);
    for (let year = 0; year <= 9999; year++) {
      for (let month = 1; month <= 12; month++) {
        date.setUTCFullYear(year, month, 0); // day 0 of the next month: the last day of this one
        if (date.getUTCDate() !== maxMday(year, month)) throw new Error(`${year}-${month}: ${date.getUTCDate()} days, reference says ${maxMday(year, month)}`);
      }
    }
  });

  it('reads the RFC 3339 examples (section 5.8) as valid', () => {
    for (const text of [
      '1985-04-12T23:20:50.52Z',
      '1996-12-19T16:39:57-08:00',
      '1990-12-31T23:59:60Z',
      '1990-12-31T15:59:60-08:00',
      '1937-01-01T12:00:27.87+00:20',
    ]) {
      expect(reference(text)).toBe(true);
    }
  });
});

describe('isDateTime is RFC 3339 section 5.6 date-time', () => {
  it('agrees with the reference on 20,000 seeded candidates (valid and near-valid)', () => {
    const candidates = new Candidates(0x3339);
    let accepted = 0;
    const disagreements: string[] = [];
    for (let i = 0; i < 20_000; i++) {
      const text = candidates.next();
      const expected = reference(text);
      if (expected) accepted++;
      if (isDateTime(text) !== expected && disagreements.length < 10) disagreements.push(`${JSON.stringify(text)}: reference ${expected}`);
    }
    expect(disagreements).toEqual([]);
    // The candidates are worth something only if both verdicts are common.
    expect(accepted).toBeGreaterThan(4_000);
    expect(accepted).toBeLessThan(16_000);
  });

  it('agrees with the reference on fast-check strings (shaped like date-times, and any)', () => {
    const pad = (value: number, width: number): string => String(value).padStart(width, '0');
    const shaped = fc
      .record({
        year: fc.integer({ min: 0, max: 9999 }),
        month: fc.integer({ min: 0, max: 13 }),
        day: fc.integer({ min: 0, max: 32 }),
        separator: fc.constantFrom(...WHITE_SPACE_AND_OTHERS, 'T', 't'),
        hour: fc.integer({ min: 0, max: 25 }),
        minute: fc.integer({ min: 0, max: 61 }),
        second: fc.integer({ min: 0, max: 61 }),
        fraction: fc.oneof(fc.constant(''), fc.stringMatching(/^\.[0-9]{0,25}$/)),
        zone: fc.oneof(fc.constantFrom('Z', 'z', ...BAD_OFFSETS), fc.stringMatching(/^[+-][0-9]{2}:?[0-9]{0,2}$/)),
      })
      .map(
        (d) =>
          `${pad(d.year, 4)}-${pad(d.month, 2)}-${pad(d.day, 2)}${d.separator}${pad(d.hour, 2)}:${pad(d.minute, 2)}:${pad(d.second, 2)}${d.fraction}${d.zone}`,
      );
    fc.assert(
      fc.property(fc.oneof(shaped, fc.string(), fc.string({ unit: 'binary' })), (text) => isDateTime(text) === reference(text)),
      { numRuns: 2_000, seed: 3339 },
    );
  });

  it('accepts nothing ajv-formats rejects, except a long fraction ajv-formats rounds into the next second', () => {
    const candidates = new Candidates(17);
    for (let i = 0; i < 5_000; i++) {
      const text = candidates.next();
      if (!isDateTime(text) || ajvDateTime(text)) continue;
      const seconds = /:(\d\d\.\d+)/.exec(text)?.[1];
      expect(seconds !== undefined && Math.floor(Number(seconds)) > Number(seconds.slice(0, 2)), text).toBe(true);
    }
  });
});

describe('departures from ajv-formats, each as RFC 3339 says', () => {
  it.each([
    // RFC 3339 section 5.8 examples.
    ['1985-04-12T23:20:50.52Z', true],
    ['1996-12-19T16:39:57-08:00', true],
    ['1937-01-01T12:00:27.87+00:20', true],
    // Leap seconds: 23:59:60 in UTC once the offset is applied, on any date.
    ['1998-12-31T23:59:60Z', true], // the RFC's own example
    ['1998-12-31T15:59:60-08:00', true], // the same instant, at -08:00
    ['2026-11-21T22:59:60-01:00', true], // 23:59:60 UTC
    ['2026-11-21T00:00:60+00:01', true], // 23:59:60 UTC of the day before
    ['2026-11-21T00:00:60.5-23:59', true], // 00:00 at -23:59 is 23:59 UTC the same day
    ['2026-11-21T00:00:60.5-23:58', false], // 23:58 UTC
    ['1998-12-31T12:00:60Z', false], // noon UTC: no leap second there
    ['1998-12-31T23:59:60+01:00', false], // 22:59 UTC
    ['1998-12-31T23:58:60Z', false], // one minute early
    ['1998-12-31T23:59:61Z', false], // second 61 never exists
    ['1998-12-31T23:59:60.999999999999Z', true], // inside the leap second
    // White space between date and time: RFC 3339 allows only "T" (or "t", ABNF strings being case-insensitive).
    ['2026-11-21t10:14:58z', true], // lower-case t and z: allowed by the RFC's NOTE
    ['2026-11-21 10:14:58Z', false], // a space: the NOTE lets applications choose it, the grammar does not
    ['2026-11-21\t10:14:58Z', false],
    ['2026-11-21\n10:14:58Z', false],
    ['2026-11-21\u00a010:14:58Z', false], // no-break space
    ['2026-11-21\u200010:14:58Z', false], // en quad
    ['2026-11-21\u202810:14:58Z', false], // line separator
    ['2026-11-21\u300010:14:58Z', false], // ideographic space
    ['2026-11-21\ufeff10:14:58Z', false], // byte-order mark
    ['2026-11-21Ｔ10:14:58Z', false], // full-width T
    // Offsets: time-numoffset = ("+" / "-") time-hour ":" time-minute, colon and minutes required.
    ['2026-11-21T10:14:58+01:00', true],
    ['2026-11-21T10:14:58-00:00', true], // "unknown local offset" (section 4.3), valid syntax
    ['2026-11-21T10:14:58+0100', false], // no colon
    ['2026-11-21T10:14:58+0530', false], // no colon
    ['2026-11-21T10:14:58+01', false], // no minutes
    ['2026-11-21T10:14:58-08', false], // no minutes
    ['2026-11-21T10:14:58+24:00', false], // offset hour 00-23
    ['2026-11-21T10:14:58+00:60', false], // offset minute 00-59
    ['2026-11-21T10:14:58', false], // no offset at all: JSON Schema's date-time requires one
    // Hours 24 and minutes over 59, which ajv-formats' leap-second arithmetic let through whatever the second.
    ['2026-11-21T24:59:30+01:00', false],
    ['1998-12-31T04:89:00+05:30', false],
    ['1998-12-31T24:00:00Z', false], // no 24:00 end-of-day either
    ['1998-12-31T24:59:60+01:00', false],
    ['1998-12-31T23:60:00Z', false],
    // Fractions: any number of digits, never rounded into the next second.
    ['2026-11-21T00:59:59.999999999999999Z', true],
    ['2026-11-21T10:14:59.99999999999999999Z', true], // ajv-formats rounds it to 60 and rejects it
    ['2026-11-21T23:59:59.99999999999999999Z', true], // a plain second 59, not a leap second
    ['2026-11-21T23:59:60.99999999999999999Z', true], // ajv-formats rounds it to 61 and rejects it
    ['2026-11-21T10:14:58.Z', false], // a dot needs a digit
    // Calendar (section 5.7): days per month and leap years, years 0000-9999.
    ['2024-02-29T10:14:58Z', true],
    ['2023-02-29T10:14:58Z', false],
    ['1900-02-29T10:14:58Z', false],
    ['2000-02-29T10:14:58Z', true],
    ['0000-02-29T00:00:00Z', true], // year 0 is divisible by 400
    ['9999-12-31T23:59:60Z', true],
    ['2026-04-31T10:14:58Z', false],
    ['2026-00-10T10:14:58Z', false],
    ['2026-13-10T10:14:58Z', false],
    ['2026-01-00T10:14:58Z', false],
    ['+2026-11-21T10:14:58Z', false], // no expanded years
    ['2026-11-21T10:14:58.5\u0000', false],
  ])('%j: %s', (text, expected) => {
    expect(reference(text), 'reference').toBe(expected);
    expect(isDateTime(text), 'isDateTime').toBe(expected);
  });

  it('differs from ajv-formats on each of the departures', () => {
    for (const text of [
      '2026-11-21 10:14:58Z',
      '2026-11-21\u300010:14:58Z',
      '2026-11-21T10:14:58+0100',
      '2026-11-21T10:14:58+01',
      '2026-11-21T24:59:30+01:00',
      '1998-12-31T04:89:00+05:30',
    ]) {
      expect([text, ajvDateTime(text), isDateTime(text)]).toEqual([text, true, false]);
    }
    expect(ajvDateTime('2026-11-21T10:14:59.99999999999999999Z')).toBe(false);
    expect(isDateTime('2026-11-21T10:14:59.99999999999999999Z')).toBe(true);
  });
});

import { fullFormats } from 'ajv-formats/dist/formats.js';

/**
 * The format checks the precompiled validators call: ajv-formats' full mode, except `date-time`, which runs once per
 * reading of a feed-data submission and whose regex-and-split version costs more than parsing the JSON around it.
 * The replacement accepts exactly what ajv-formats accepts (a property test in the package holds it to that).
 */
export const formats: Readonly<Record<string, unknown>> = { ...fullFormats, 'date-time': isDateTime };

const DAYS_IN_MONTH = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;
const ZERO = 48;
const COLON = 58;
const DOT = 46;
const PLUS = 43;
const MINUS = 45;

/**
 * RFC 3339 `date-time` as ajv-formats checks it (full mode, time zone required): `YYYY-MM-DD`, then `T`, `t` or any
 * white space, then `hh:mm:ss`, an optional fraction, and `Z`, `z`, `±hh`, `±hhmm` or `±hh:mm`. Hours, minutes and
 * seconds are two digits each; the leap-second rule below is ajv-formats' own, arithmetic included.
 */
export function isDateTime(text: string): boolean {
  const length = text.length;
  if (length < 20 || text.charCodeAt(4) !== MINUS || text.charCodeAt(7) !== MINUS || !isSeparator(text.charCodeAt(10))) return false;
  if (text.charCodeAt(13) !== COLON || text.charCodeAt(16) !== COLON) return false;
  const year = fourDigits(text, 0);
  const month = twoDigits(text, 5);
  const day = twoDigits(text, 8);
  const hour = twoDigits(text, 11);
  const minute = twoDigits(text, 14);
  const wholeSecond = twoDigits(text, 17);
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return false;
  if (hour < 0 || minute < 0 || wholeSecond < 0) return false;
  let at = 19;
  if (text.charCodeAt(at) === DOT) {
    at++;
    const fractionStart = at;
    while (at < length && isDigit(text.charCodeAt(at))) at++;
    if (at === fractionStart) return false;
  }
  const secondEnd = at;
  let offsetSign = 1;
  let offsetHour = 0;
  let offsetMinute = 0;
  const zone = text.charCodeAt(at);
  if ((zone | 0x20) === 0x7a /* z or Z */) {
    if (at + 1 !== length) return false;
  } else if (zone === PLUS || zone === MINUS) {
    offsetSign = zone === MINUS ? -1 : 1;
    offsetHour = twoDigits(text, at + 1);
    if (offsetHour < 0) return false;
    at += 3;
    if (at !== length) {
      if (text.charCodeAt(at) === COLON) at++;
      offsetMinute = twoDigits(text, at);
      if (offsetMinute < 0 || at + 2 !== length) return false;
    }
  } else return false;
  if (offsetHour > 23 || offsetMinute > 59) return false;
  // A fraction can round 59.999... up to 60 (and 60.999... to 61), so only those two need the exact number.
  const second = secondEnd > 19 && (wholeSecond === 59 || wholeSecond === 60) ? Number(text.slice(17, secondEnd)) : wholeSecond;
  if (hour <= 23 && minute <= 59 && second < 60) return true;
  // A leap second: 23:59:60 in UTC, whatever the offset.
  const utcMinute = minute - offsetMinute * offsetSign;
  const utcHour = hour - offsetHour * offsetSign - (utcMinute < 0 ? 1 : 0);
  return (utcHour === 23 || utcHour === -1) && (utcMinute === 59 || utcMinute === -1) && second < 61;
}

function daysIn(year: number, month: number): number {
  return month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : DAYS_IN_MONTH[month]!;
}

function isDigit(code: number): boolean {
  return code >= ZERO && code <= ZERO + 9;
}

/** The two ASCII digits at `at` as a number, or -1 (also past the end of the text, where charCodeAt gives NaN). */
function twoDigits(text: string, at: number): number {
  const tens = text.charCodeAt(at) - ZERO;
  const ones = text.charCodeAt(at + 1) - ZERO;
  return tens >= 0 && tens <= 9 && ones >= 0 && ones <= 9 ? tens * 10 + ones : -1;
}

function fourDigits(text: string, at: number): number {
  const high = twoDigits(text, at);
  const low = twoDigits(text, at + 2);
  return high < 0 || low < 0 ? -1 : high * 100 + low;
}

/** ajv-formats splits date from time on /t|\s/i: `t`, `T` or any character JavaScript's `\s` matches. */
function isSeparator(code: number): boolean {
  if ((code | 0x20) === 0x74) return true;
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  if (code < 0xa0) return false;
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

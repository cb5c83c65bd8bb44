import { fullFormats } from 'ajv-formats/dist/formats.js';
/**
 * The format checks the precompiled validators call: ajv-formats' full mode, except `date-time`, which runs once per
 * reading of a feed-data submission and whose regex-and-split version costs more than parsing the JSON around it.
 * The replacement is exact RFC 3339 section 5.6 `date-time` (time offset required, as JSON Schema says), which is
 * stricter than ajv-formats: no white space between date and time, offsets need the colon and the minutes, no hour 24
 * or minute 60 slipping through the leap-second arithmetic, and a long fraction is never rounded up into the next
 * second. A property test in the package holds it to a reference parser written from the RFC's ABNF.
 */
export const formats = { ...fullFormats, 'date-time': isDateTime };
const DAYS_IN_MONTH = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const ZERO = 48;
const COLON = 58;
const DOT = 46;
const PLUS = 43;
const MINUS = 45;
/** `x | 0x20` folds an ASCII upper-case letter to lower case: only `T` and `t` fold to `t`, only `Z` and `z` to `z`. */
const LOWER_T = 0x74;
const LOWER_Z = 0x7a;
/** 23:59, in minutes from midnight: the only UTC time a leap second (second 60) may have. */
const LAST_MINUTE = 23 * 60 + 59;
/**
 * RFC 3339 section 5.6 `date-time`, exactly: `full-date "T" full-time`, that is `YYYY-MM-DD`, `T`, `hh:mm:ss`, an
 * optional fraction of any length, and a required offset, `Z` or `+hh:mm` / `-hh:mm`. Days are checked against the
 * month and leap year (section 5.7). Hours are 00-23, minutes 00-59 (in the offset too), seconds 00-59, and 60 only as
 * a leap second: 23:59:60 in UTC once the offset is applied (on any date: which dates had one needs a table, which the
 * RFC says a check need not have). The fraction only refines the second; it is never rounded.
 *
 * Letters: ABNF quoted strings are case-insensitive, and the RFC's NOTE under the grammar allows `t` and `z` as well as
 * `T` and `Z`; both cases are accepted. The NOTE also lets applications use a space instead of `T`, but that is an
 * application's choice outside the grammar, and JSON Schema's `date-time` is the grammar: white space is rejected.
 */
export function isDateTime(text) {
    const length = text.length;
    if (length < 20 || text.charCodeAt(4) !== MINUS || text.charCodeAt(7) !== MINUS || (text.charCodeAt(10) | 0x20) !== LOWER_T)
        return false;
    if (text.charCodeAt(13) !== COLON || text.charCodeAt(16) !== COLON)
        return false;
    const year = fourDigits(text, 0);
    const month = twoDigits(text, 5);
    const day = twoDigits(text, 8);
    const hour = twoDigits(text, 11);
    const minute = twoDigits(text, 14);
    const second = twoDigits(text, 17);
    if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysIn(year, month))
        return false;
    // twoDigits gives -1 for anything but two digits, so these also reject non-digits.
    if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 60)
        return false;
    let at = 19;
    if (text.charCodeAt(at) === DOT) {
        at++;
        const fractionStart = at;
        while (at < length && isDigit(text.charCodeAt(at)))
            at++;
        if (at === fractionStart)
            return false;
    }
    // Minutes east of UTC.
    let offset = 0;
    const zone = text.charCodeAt(at);
    if ((zone | 0x20) === LOWER_Z) {
        if (at + 1 !== length)
            return false;
    }
    else if (zone === PLUS || zone === MINUS) {
        if (at + 6 !== length || text.charCodeAt(at + 3) !== COLON)
            return false;
        const offsetHour = twoDigits(text, at + 1);
        const offsetMinute = twoDigits(text, at + 4);
        if (offsetHour < 0 || offsetHour > 23 || offsetMinute < 0 || offsetMinute > 59)
            return false;
        offset = zone === MINUS ? -(offsetHour * 60 + offsetMinute) : offsetHour * 60 + offsetMinute;
    }
    else
        return false;
    if (second < 60)
        return true;
    // A leap second: 23:59:60 in UTC. Local time and offset are each under a day, so UTC is that minute of the same
    // day (1439) or of the day before (-1); the minute of the next day (2879) is out of reach.
    const utc = hour * 60 + minute - offset;
    return utc === LAST_MINUTE || utc === LAST_MINUTE - 1440;
}
/** Days in a month (1-12) of a year (0-9999), February by the Gregorian leap-year rule (RFC 3339 appendix C). */
function daysIn(year, month) {
    return month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : DAYS_IN_MONTH[month];
}
function isDigit(code) {
    return code >= ZERO && code <= ZERO + 9;
}
/** The two ASCII digits at `at` as a number, or -1 (also past the end of the text, where charCodeAt gives NaN). */
function twoDigits(text, at) {
    const tens = text.charCodeAt(at) - ZERO;
    const ones = text.charCodeAt(at + 1) - ZERO;
    return tens >= 0 && tens <= 9 && ones >= 0 && ones <= 9 ? tens * 10 + ones : -1;
}
function fourDigits(text, at) {
    const high = twoDigits(text, at);
    const low = twoDigits(text, at + 2);
    return high < 0 || low < 0 ? -1 : high * 100 + low;
}
//# sourceMappingURL=formats.js.map
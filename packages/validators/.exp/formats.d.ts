/**
 * The format checks the precompiled validators call: ajv-formats' full mode, except `date-time`, which runs once per
 * reading of a feed-data submission and whose regex-and-split version costs more than parsing the JSON around it.
 * The replacement is exact RFC 3339 section 5.6 `date-time` (time offset required, as JSON Schema says), which is
 * stricter than ajv-formats: no white space between date and time, offsets need the colon and the minutes, no hour 24
 * or minute 60 slipping through the leap-second arithmetic, and a long fraction is never rounded up into the next
 * second. A property test in the package holds it to a reference parser written from the RFC's ABNF.
 */
export declare const formats: Readonly<Record<string, unknown>>;
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
export declare function isDateTime(text: string): boolean;
//# sourceMappingURL=formats.d.ts.map
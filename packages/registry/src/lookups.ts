import { type ACK_STATUSES, ACTION_OF_UNKNOWN_CODE, CATEGORY_OF_CLASS, type FEED_DATA_STATUSES, RESPONSE_CODES } from './gen/registry.js';

export type ResponseCodeEntry = (typeof RESPONSE_CODES)[number];
/** A code of this registry. A server may still send a newer one: accept `number` on the wire, then `classify` it. */
export type ResponseCode = ResponseCodeEntry['code'];
export type ErrorType = NonNullable<ResponseCodeEntry['errorType']>;
export type Category = ResponseCodeEntry['category'];
export type FeedDataStatus = (typeof FEED_DATA_STATUSES)[number];
export type AckStatus = (typeof ACK_STATUSES)[number];
/** What a device does with an answer: success, retry later (honouring Retry-After), fix the request, re-authenticate, give up. */
export type DeviceAction = ResponseCodeEntry['action'] | (typeof ACTION_OF_UNKNOWN_CODE)[Category];
/** The registry entry of one code, narrowed by its number. */
export type EntryOf<C extends ResponseCode> = Extract<ResponseCodeEntry, { code: C }>;

/**
 * What a code means to this package: a known code with its registry entry, or an unknown one (newer than this
 * package) with the category of its class. `known: false` is the unknown marker; it is not a code.
 */
export type Classification =
  | { readonly known: true; readonly code: ResponseCode; readonly category: Category; readonly retryable: boolean; readonly entry: ResponseCodeEntry }
  | { readonly known: false; readonly code: number; readonly category: Category | null; readonly retryable: false };

const byCode: ReadonlyMap<number, ResponseCodeEntry> = new Map(RESPONSE_CODES.map((entry) => [entry.code, entry]));
const byErrorType: ReadonlyMap<string, ResponseCodeEntry> = new Map(
  RESPONSE_CODES.flatMap((entry) => (entry.errorType === null ? [] : [[entry.errorType, entry] as const])),
);
const byHttpStatus: ReadonlyMap<number, ResponseCodeEntry> = new Map(
  RESPONSE_CODES.filter((entry) => entry.httpFallback).map((entry) => [entry.httpStatus, entry] as const),
);
const categoryOfClass: Readonly<Record<number, Category | undefined>> = CATEGORY_OF_CLASS;

export function isResponseCode(code: number): code is ResponseCode {
  return byCode.has(code);
}

export function lookupCode<C extends ResponseCode>(code: C): EntryOf<C>;
export function lookupCode(code: number): ResponseCodeEntry | undefined;
export function lookupCode(code: number): ResponseCodeEntry | undefined {
  return byCode.get(code);
}

/** The error type of a code; `null` for success codes, `undefined` for a code this package does not know. */
export function errorTypeOf<C extends ResponseCode>(code: C): EntryOf<C>['errorType'];
export function errorTypeOf(code: number): ErrorType | null | undefined;
export function errorTypeOf(code: number): ErrorType | null | undefined {
  return byCode.get(code)?.errorType;
}

export function httpStatusOf<C extends ResponseCode>(code: C): EntryOf<C>['httpStatus'];
export function httpStatusOf(code: number): number | undefined;
export function httpStatusOf(code: number): number | undefined {
  return byCode.get(code)?.httpStatus;
}

/** The category of any code: from the registry when known, else from its class; `null` when it has no class. */
export function categoryOf(code: number): Category | null {
  return classify(code).category;
}

/** Whether sending the same request again may succeed. Unknown codes are not retried. */
export function isRetryable(code: number): boolean {
  return byCode.get(code)?.retryable ?? false;
}

/**
 * What a device does on a code (the device handling rule, given a code): a known code by the registry, a code this
 * package has never seen by its class, and a number outside the code space gives up.
 */
export function actionOf(code: number): DeviceAction {
  const classified = classify(code);
  if (classified.known) return classified.entry.action;
  return classified.category === null ? 'give_up' : ACTION_OF_UNKNOWN_CODE[classified.category];
}

export function codeForErrorType(errorType: string): ResponseCode | undefined {
  return byErrorType.get(errorType)?.code;
}

/** The code a response without `code` (from an older endpoint) stands for, by its HTTP status. */
export function codeForHttpStatus(httpStatus: number): ResponseCode | undefined {
  return byHttpStatus.get(httpStatus)?.code;
}

/** Classifies any number without throwing: known codes by the registry, unknown ones by their class. */
export function classify(code: number): Classification {
  const entry = byCode.get(code);
  if (entry !== undefined) return { known: true, code: entry.code, category: entry.category, retryable: entry.retryable, entry };
  const category = Number.isInteger(code) && code >= 1000 && code <= 9999 ? (categoryOfClass[Math.floor(code / 1000)] ?? null) : null;
  return { known: false, code, category, retryable: false };
}

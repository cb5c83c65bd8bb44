import { CATEGORY_OF_CLASS, type Category } from './model.js';

/**
 * What a device does with an answer: the outcomes of the device handling rule, in the order targets number them
 * (the C header's `iotv1_action_t` values are these indexes).
 */
export const DEVICE_ACTIONS = ['success', 'retry_later', 'fix_request', 'reauthenticate', 'give_up'] as const;
export type DeviceAction = (typeof DEVICE_ACTIONS)[number];

/**
 * The action of a known code, from the registry and HTTP's own meaning of the status (RFC 9110): success codes
 * succeed; retryable codes are retried later; 401 asks for new credentials; 402, 403 and 404 and non-retryable
 * server errors will not get better by sending again; any other client error means the request must change.
 */
export function actionOfCode(entry: { readonly category: Category; readonly retryable: boolean; readonly httpStatus: number }): DeviceAction {
  if (entry.category === 'Success') return 'success';
  if (entry.retryable) return 'retry_later';
  if (entry.httpStatus === 401) return 'reauthenticate';
  if (entry.category === 'Server Error' || [402, 403, 404].includes(entry.httpStatus)) return 'give_up';
  return 'fix_request';
}

/**
 * The action of a code added after a target was built, by its category: success succeeds, a client error means the
 * request must change, anything else gives up (only codes the registry marks retryable are retried).
 */
export const ACTION_OF_UNKNOWN_CODE: Readonly<Record<Category, DeviceAction>> = {
  Success: 'success',
  'Client Error': 'fix_request',
  'Server Error': 'give_up',
};

/** What the device handling rule makes of one answer: the result a target reports, and the action it takes. */
export interface RuleOutcome {
  /** `unknown`: a code (or, over MQTT, an error type) the registry does not have. */
  readonly kind: 'success' | 'error' | 'unknown';
  /** The registry code the answer stands for; `null` when it stands for none. */
  readonly code: number | null;
  /** For an unknown answer, the code the server sent (`null` when it sent none). */
  readonly receivedCode: number | null;
  readonly category: Category | null;
  readonly errorType: string | null;
  readonly retryable: boolean;
  readonly action: DeviceAction;
}

interface RuleEntry {
  readonly code: number;
  readonly category: Category;
  readonly errorType: string | null;
  readonly retryable: boolean;
  readonly action: DeviceAction;
  readonly httpStatus: number;
  readonly httpFallback: boolean;
}

/** The category of a code's class (its thousands digit), `null` outside the code space (1000-9999, classes 2, 4, 5). */
export function categoryOfClass(code: number): Category | null {
  return Number.isInteger(code) && code >= 1000 && code <= 9999 ? (CLASS_CATEGORIES[Math.floor(code / 1000)] ?? null) : null;
}

const CLASS_CATEGORIES: Readonly<Record<number, Category | undefined>> = CATEGORY_OF_CLASS;

/** An answer that names no registry entry: by its category when it has one, else retried only when it says so. */
function unknownOutcome(receivedCode: number | null, category: Category | null, errorType: string | null, retryable: boolean): RuleOutcome {
  const action = category !== null ? ACTION_OF_UNKNOWN_CODE[category] : retryable ? 'retry_later' : 'give_up';
  return { kind: 'unknown', code: null, receivedCode, category, errorType, retryable, action };
}

function knownOutcome(entry: RuleEntry, retryable: boolean): RuleOutcome {
  const kind = entry.category === 'Success' ? 'success' : 'error';
  return { kind, code: entry.code, receivedCode: null, category: entry.category, errorType: entry.errorType, retryable, action: entry.action };
}

/**
 * The device handling rule for one HTTPS answer (the seed's rules, in order). The HTTP status first: a body's code
 * is trusted unless it lies outside the code space, or is a success code on a status that is not 2xx; then the
 * code, falling back to the registry code of the HTTP status when there is no trusted code; a code the registry
 * does not have goes by its class, a status without a fallback code by its class (HTTP's classes line up with the
 * code classes), and a status outside them gives up.
 */
export function httpsOutcome(registry: readonly RuleEntry[], httpStatus: number, bodyCode: number | null, bodyErrorType: string | null = null): RuleOutcome {
  const ok = httpStatus >= 200 && httpStatus <= 299;
  const category = bodyCode === null ? null : categoryOfClass(bodyCode);
  const trusted = bodyCode !== null && category !== null && (ok || category !== 'Success') ? bodyCode : null;
  const fallback = registry.find((entry) => entry.httpFallback && entry.httpStatus === httpStatus);
  const code = trusted ?? fallback?.code ?? null;
  const entry = registry.find((candidate) => candidate.code === code);
  if (entry !== undefined) return knownOutcome(entry, entry.retryable);
  // An answer the registry cannot name keeps the body's error.type, for diagnostics.
  if (code !== null) return unknownOutcome(code, categoryOfClass(code), bodyErrorType, false);
  return unknownOutcome(null, httpStatus >= 100 && httpStatus <= 599 ? (CLASS_CATEGORIES[Math.floor(httpStatus / 100)] ?? null) : null, bodyErrorType, false);
}

/** An MQTT application acknowledgement as the rule reads it: `status`, `retryable`, and `error.type`. */
export interface AckAnswer {
  readonly status: string;
  readonly retryable?: boolean;
  readonly errorType?: string;
}

/**
 * The device handling rule for one acknowledgement: a feed-data status is success; `rejected` stands for the
 * registry code of its `error.type`, carrying the ack's `retryable`; an error type the registry does not have, or a
 * status the contract does not have, is unknown and retried only when the ack says it may be.
 */
export function ackOutcome(registry: readonly RuleEntry[], feedDataStatuses: readonly string[], ack: AckAnswer): RuleOutcome {
  const retryable = ack.retryable === true;
  if (feedDataStatuses.includes(ack.status)) {
    const success = registry.find((entry) => entry.category === 'Success' && entry.httpFallback);
    if (success !== undefined) return knownOutcome(success, false);
  }
  const errorType = ack.errorType ?? null;
  const entry = ack.status === 'rejected' ? registry.find((candidate) => candidate.errorType !== null && candidate.errorType === errorType) : undefined;
  return entry !== undefined ? knownOutcome(entry, retryable) : unknownOutcome(null, null, errorType, retryable);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MONTH = MONTHS.join('|');
const TIME = '(\\d{2}):(\\d{2}):(\\d{2})';
/** RFC 9110's three HTTP-date forms, each read as day, month, year, hour, minute, second. */
const HTTP_DATES: readonly { readonly form: RegExp; readonly order: readonly number[] }[] = [
  { form: new RegExp(`^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\\d{2}) (${MONTH}) (\\d{4}) ${TIME} GMT$`), order: [1, 2, 3, 4, 5, 6] },
  { form: new RegExp(`^(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day, (\\d{2})-(${MONTH})-(\\d{2}) ${TIME} GMT$`), order: [1, 2, 3, 4, 5, 6] },
  { form: new RegExp(`^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) (${MONTH}) ( \\d|\\d{2}) ${TIME} (\\d{4})$`), order: [2, 1, 6, 3, 4, 5] },
];

/**
 * `Retry-After` in milliseconds from `now` (RFC 9110, section 10.2.3): delay-seconds, or an HTTP-date in any of
 * its three forms (a date already past is 0; a two-digit year more than 50 years ahead is of the last century);
 * `null` when absent or anything else.
 */
export function retryAfterMs(header: string | null, now: number): number | null {
  if (header === null) return null;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  for (const { form, order } of HTTP_DATES) {
    const match = form.exec(text);
    if (match === null) continue;
    const [day, month, year, hour, minute, second] = order.map((group) => match[group]!.trim());
    let fullYear = Number(year);
    if (year!.length === 2) {
      const thisYear = new Date(now).getUTCFullYear();
      fullYear += 100 * Math.floor(thisYear / 100);
      if (fullYear > thisYear + 50) fullYear -= 100;
    }
    const at = Date.UTC(fullYear, MONTHS.indexOf(month!), Number(day), Number(hour), Number(minute), Number(second));
    return Math.max(0, at - now);
  }
  return null;
}

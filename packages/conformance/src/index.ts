import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/*
 * The reader's view of src/gen/vectors.json, written by @iotv1/generator-conformance from spec/. The same path
 * resolves from src/ (tests) and dist/ (the built package).
 */

export type Category = 'Success' | 'Client Error' | 'Server Error';
export type DeviceAction = 'success' | 'retry_later' | 'fix_request' | 'reauthenticate' | 'give_up';

/** What the device handling rule makes of one answer. */
export interface Outcome {
  /** `unknown`: a code (over MQTT, an error type or status) the registry does not have. */
  readonly kind: 'success' | 'error' | 'unknown';
  /** The registry code the answer stands for; `null` when none. */
  readonly code: number | null;
  /** For an unknown answer, the code the server sent; `null` when it sent none. */
  readonly receivedCode: number | null;
  readonly category: Category | null;
  readonly errorType: string | null;
  readonly retryable: boolean;
  readonly action: DeviceAction;
}

/** One HTTPS answer as it arrives (the body as bytes) and the outcome it must get. */
export interface HttpsVector {
  readonly id: string;
  readonly about: string;
  /** The registry code the vector shows as the registry defines it; `null` for the rule's edge cases. */
  readonly code: number | null;
  readonly answer: { readonly status: number; readonly headers: Readonly<Record<string, string>>; readonly body: string };
  /** `retryAfterMs` is for error outcomes, read with the clock at `Vectors.now`; `null` otherwise. */
  readonly expect: Outcome & { readonly retryAfterMs: number | null };
}

/** One MQTT application acknowledgement and the outcome it must get. */
export interface MqttVector {
  readonly id: string;
  readonly about: string;
  readonly code: number | null;
  readonly ack: Readonly<Record<string, unknown>>;
  readonly expect: Outcome;
}

/** Where in the contract a payload is checked: a request body, a response, an MQTT message, or a schema file. */
export type PayloadLocation =
  | { readonly operation: string; readonly part: 'body' }
  | { readonly operation: string; readonly part: 'response'; readonly status: number }
  | { readonly message: string }
  | { readonly schema: string; readonly title: string };

/** One payload and a contract validator's verdict: valid, or invalid with an issue of `keyword` at `pointer`. */
export interface PayloadVector {
  readonly id: string;
  readonly about: string;
  readonly at: PayloadLocation;
  readonly value: unknown;
  readonly valid: boolean;
  /** For an invalid payload, the JSON pointer of the offending value (for a missing property, where it belongs). */
  readonly pointer: string | null;
  readonly keyword: string | null;
}

export interface Vectors {
  readonly contract: { readonly version: string; readonly contentHash: string };
  /** The clock the `Retry-After` HTTP dates are read against: run the HTTPS vectors with the clock set to it. */
  readonly now: string;
  /** Device actions in the order the C header numbers them (`iotv1_action_t`). */
  readonly actions: readonly DeviceAction[];
  readonly https: readonly HttpsVector[];
  readonly mqtt: readonly MqttVector[];
  readonly payloads: readonly PayloadVector[];
}

const GEN = new URL('../src/gen/', import.meta.url);

/** The directory of `iotv1_conformance.h`, for a C compiler's `-I`. */
export const C_TABLE_DIR: string = fileURLToPath(GEN);

/** The vectors of this package's contract version. */
export const vectors: Vectors = JSON.parse(readFileSync(new URL('vectors.json', GEN), 'utf8')) as Vectors;

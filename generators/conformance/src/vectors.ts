import type { DeviceAction, RuleOutcome } from '@iotv1/generator-kit';

/*
 * The shape of the conformance vectors (`@iotv1/conformance/vectors.json`). The package's hand-written types
 * (packages/conformance/src/index.ts) describe the same file for its readers.
 */

/** One HTTPS answer as it arrives, and what the device handling rule makes of it. */
export interface HttpsVector {
  readonly id: string;
  readonly about: string;
  /** The registry code the vector shows as the registry defines it; `null` for the rule's edge cases. */
  readonly code: number | null;
  readonly answer: { readonly status: number; readonly headers: Readonly<Record<string, string>>; readonly body: string };
  readonly expect: RuleOutcome & { readonly retryAfterMs: number | null };
}

/** One MQTT application acknowledgement, and what the rule makes of it. */
export interface MqttVector {
  readonly id: string;
  readonly about: string;
  readonly code: number | null;
  readonly ack: Readonly<Record<string, unknown>>;
  readonly expect: RuleOutcome;
}

/** Where in the contract a payload is checked. */
export type PayloadLocation =
  | { readonly operation: string; readonly part: 'body' }
  | { readonly operation: string; readonly part: 'response'; readonly status: number }
  | { readonly message: string }
  | { readonly schema: string; readonly title: string };

/** One payload and the verdict of a validator of the contract: valid, or invalid with an issue at `pointer`. */
export interface PayloadVector {
  readonly id: string;
  readonly about: string;
  readonly at: PayloadLocation;
  readonly value: unknown;
  readonly valid: boolean;
  /** For an invalid payload: the JSON pointer of the offending value (for a missing property, where it belongs). */
  readonly pointer: string | null;
  /** For an invalid payload: the JSON Schema keyword that fails. */
  readonly keyword: string | null;
}

export interface Vectors {
  readonly contract: { readonly version: string; readonly contentHash: string };
  /** The clock of the `Retry-After` HTTP dates: a target runs the vectors with its clock set to it. */
  readonly now: string;
  /** Device actions in the order targets number them (the C header's `iotv1_action_t`). */
  readonly actions: readonly DeviceAction[];
  readonly https: readonly HttpsVector[];
  readonly mqtt: readonly MqttVector[];
  readonly payloads: readonly PayloadVector[];
}

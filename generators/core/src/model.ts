/**
 * The Contract Model: everything a generator may know about the spec, typed, normalised and sorted.
 * Generators consume only this; they never read `spec/` themselves.
 */

export const CATEGORIES = ['Success', 'Client Error', 'Server Error'] as const;
export type Category = (typeof CATEGORIES)[number];

/** A code's class is its thousands digit (2xxx, 4xxx, 5xxx); each class has one category. */
export const CATEGORY_OF_CLASS: Readonly<Record<number, Category>> = { 2: 'Success', 4: 'Client Error', 5: 'Server Error' };

/** One entry of the response-code registry. */
export interface ResponseCode {
  readonly code: number;
  /** Short label (the registry's "Message" column). */
  readonly message: string;
  /** What the code means (the registry's "Meaning" column). Never changes once released. */
  readonly meaning: string;
  readonly category: Category;
  /** The readable label of the code; `null` for success codes (the registry's "n/a"). */
  readonly errorType: string | null;
  readonly httpStatus: number;
  readonly retryable: boolean;
  /** Spec version that added the code. */
  readonly since: string;
  /** The code the HTTP-status fallback rule maps `httpStatus` to. */
  readonly httpFallback: boolean;
  /** Set when the code is retired: it stays in the registry so its number is never reused. */
  readonly retired: { readonly reason: string } | null;
  /** Identifier-safe upper-case name (`RATE_LIMITED`, `OK`), unique across the registry. */
  readonly constantName: string;
}

/** A value of a string enumeration, such as a feed-data status. */
export interface EnumValue {
  readonly value: string;
  readonly description: string;
}

export interface HttpOperation {
  readonly operationId: string;
  readonly method: string;
  readonly path: string;
  readonly summary: string;
  readonly description: string;
  /** Registry codes the operation can return, sorted. */
  readonly responseCodes: readonly number[];
  /** `$id` of the request body schema, when the operation takes a body. */
  readonly requestSchemaId: string | null;
  /** `$id` of the success (2xx) body schema. */
  readonly successSchemaId: string | null;
}

export interface MqttMessage {
  readonly name: string;
  readonly channel: string;
  readonly address: string;
  /** `$id` of the payload schema. */
  readonly payloadSchemaId: string;
}

export interface SchemaDocument {
  /** `$id` of the schema file. */
  readonly id: string;
  /** Path relative to the spec directory, for example `schemas/feed-data-ack.schema.json`. */
  readonly file: string;
  readonly schema: Readonly<Record<string, unknown>>;
}

export interface ContractModel {
  /** `info.version` of both specs (they must agree). */
  readonly version: string;
  /** `sha256:<hex>` of the normalised spec: formatting, comments, key order and registry order do not change it. */
  readonly contentHash: string;
  /** Sorted by code. */
  readonly registry: readonly ResponseCode[];
  readonly feedDataStatuses: readonly EnumValue[];
  /** Acknowledgement statuses: the feed-data statuses plus the ack's own (such as `rejected`). */
  readonly ackStatuses: readonly EnumValue[];
  /** Sorted by path, then method. */
  readonly operations: readonly HttpOperation[];
  /** Sorted by channel, then name. */
  readonly messages: readonly MqttMessage[];
  /** Sorted by `$id`. */
  readonly schemas: readonly SchemaDocument[];
}

/**
 * The Contract Model: everything a generator may know about the spec, typed, normalised and sorted.
 * Generators consume only this; they never read `spec/` themselves.
 */

import type { DeviceAction } from './device-rule.js';

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
  /** What a device does on this code (the device handling rule, `device-rule.ts`). */
  readonly action: DeviceAction;
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

/**
 * A JSON Schema that stands on its own: references to schema files are their `$id`s (resolve them against
 * `ContractModel.schemas`), and nothing refers into the OpenAPI or AsyncAPI documents.
 */
export type PortableSchema = Readonly<Record<string, unknown>> | boolean;

/**
 * Keywords a schema of the model may hold besides JSON Schema 2020-12's, besides `x-` annotations: OpenAPI's own
 * Schema Object fields (OpenAPI 3.1, section 4.8.24) and `$anchor`. None validates anything; a strict Ajv must be
 * told about them (it resolves `$anchor` but does not list it as a keyword).
 */
export const ANNOTATION_KEYWORDS: readonly string[] = ['$anchor', 'discriminator', 'example', 'externalDocs', 'xml'];

/** An example from the spec, already checked against its schema. */
export interface NamedExample {
  readonly name: string;
  readonly summary: string;
  readonly value: unknown;
}

export interface HttpParameter {
  readonly name: string;
  readonly in: 'path' | 'query' | 'header' | 'cookie';
  readonly required: boolean;
  readonly description: string;
  readonly schema: PortableSchema;
  readonly examples: readonly NamedExample[];
}

export interface HttpHeader {
  readonly name: string;
  readonly required: boolean;
  readonly description: string;
  readonly schema: PortableSchema;
}

export interface HttpRequestBody {
  readonly required: boolean;
  readonly description: string;
  readonly mediaType: string;
  /** `$id` of the body schema: always a schema file, so that every target shares one definition of it. */
  readonly schemaId: string;
  readonly schema: PortableSchema;
  readonly examples: readonly NamedExample[];
}

export interface HttpResponse {
  readonly status: number;
  /** Its name under `components/responses` when operations share it (`Forbidden`), else `null`. */
  readonly component: string | null;
  readonly description: string;
  /** Registry codes this response can carry, sorted. */
  readonly codes: readonly number[];
  readonly mediaType: string;
  /** `$id` of the body schema (a schema file), or `null` for an inline schema. */
  readonly schemaId: string | null;
  readonly schema: PortableSchema;
  readonly headers: readonly HttpHeader[];
  readonly examples: readonly NamedExample[];
}

export interface HttpOperation {
  readonly operationId: string;
  readonly method: string;
  readonly path: string;
  readonly summary: string;
  readonly description: string;
  readonly tags: readonly string[];
  /** Names of the security schemes the operation requires (any one of them); empty when it needs none. */
  readonly security: readonly string[];
  /** Path-level parameters first, then the operation's own. */
  readonly parameters: readonly HttpParameter[];
  readonly requestBody: HttpRequestBody | null;
  /** Registry codes the operation can return (`x-response-codes`), sorted. */
  readonly responseCodes: readonly number[];
  /** Sorted by status. */
  readonly responses: readonly HttpResponse[];
}

export interface SecurityScheme {
  readonly name: string;
  readonly type: string;
  /** For `http` schemes: `bearer`, `basic`... */
  readonly scheme: string;
  readonly description: string;
}

export interface Server {
  readonly name: string;
  /** URL (HTTPS) or `host:port` (MQTT). */
  readonly url: string;
  readonly protocol: string;
  readonly description: string;
}

export interface MqttMessage {
  readonly name: string;
  readonly title: string;
  readonly summary: string;
  readonly channel: string;
  /** Topic template, for example `iot/v1/devices/{deviceId}/ack`. */
  readonly address: string;
  readonly channelDescription: string;
  /** Parameters of the address, in the order they appear in it. */
  readonly parameters: readonly { readonly name: string; readonly description: string }[];
  /** `send` when the device publishes the message, `receive` when it gets it (the spec describes the device). */
  readonly action: 'send' | 'receive';
  /** `$id` of the payload schema. */
  readonly payloadSchemaId: string;
  readonly examples: readonly NamedExample[];
}

/** Title and description of one of the two specs. */
export interface SpecInfo {
  readonly title: string;
  readonly description: string;
  readonly servers: readonly Server[];
}

export interface SchemaDocument {
  /** `$id` of the schema file. */
  readonly id: string;
  /** Path relative to the spec directory, for example `schemas/feed-data-ack.schema.json`. */
  readonly file: string;
  readonly schema: Readonly<Record<string, unknown>>;
}

/** The specs as single documents with every `$ref` internal, and the schema files as they are published. */
export interface BundledDocuments {
  readonly openapi: Readonly<Record<string, unknown>>;
  readonly asyncapi: Readonly<Record<string, unknown>>;
  /** Sorted by path; `file` is relative to the spec directory (`schemas/feed-data-ack.schema.json`). */
  readonly schemas: readonly { readonly file: string; readonly schema: unknown }[];
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
  /** `$id`s of the schemas every target needs by role. */
  readonly schemaIds: { readonly errorResponse: string; readonly feedDataAck: string; readonly responseCode: string };
  readonly http: SpecInfo & { readonly securitySchemes: readonly SecurityScheme[] };
  readonly mqtt: SpecInfo;
  readonly bundles: BundledDocuments;
}

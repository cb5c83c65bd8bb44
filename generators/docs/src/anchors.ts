import type { HttpOperation, MqttMessage, SchemaDocument } from '@iotv1/generator-kit';

/**
 * Stable fragment ids, the same in the HTML page and the Markdown reference: a firmware log or a ticket may link to
 * `#code-4029` for years. Characters an id or a URL fragment cannot carry as they are become `_`.
 */
const safe = (value: string): string => value.replace(/[^A-Za-z0-9_.-]/g, '_');

export const codeId = (code: number): string => `code-${code}`;
export const operationId = (operation: HttpOperation): string => `op-${safe(operation.operationId)}`;
export const messageId = (message: MqttMessage): string => `msg-${safe(message.channel)}-${safe(message.name)}`;
/** `schemas/feed-data-ack.schema.json` -> `schema-feed-data-ack`. */
export const schemaId = (schema: SchemaDocument): string => `schema-${safe(schema.file.replace(/^.*\//, '').replace(/\.schema\.json$|\.json$/, ''))}`;

/** Top-level sections. */
export const SECTION = {
  codes: 'response-codes',
  errorResponse: 'error-response',
  feedDataStatuses: 'feed-data-statuses',
  ack: 'mqtt-acknowledgement',
  rules: 'handling-rules',
  fallback: 'http-status-fallback',
  https: 'https',
  mqtt: 'mqtt',
  schemas: 'schemas',
  snippets: 'snippets',
} as const;

export const href = (id: string): string => `#${id}`;

import type { ContractModel, MqttMessage, NamedExample, SchemaDocument } from '@iotv1/generator-kit';
import { codeId, href } from '../anchors.js';
import { type SchemaScope, schemaExamples } from '../schema-text.js';

/** A code named by an operation, a response, a message or the fallback table, with its message. */
export interface CodeRef {
  readonly code: number;
  readonly message: string;
  readonly href: string;
}

export interface Example {
  /** The example's name in the spec; empty for the `examples` of a schema file. */
  readonly name: string;
  readonly summary: string;
  /** Pretty-printed JSON. */
  readonly json: string;
}

/** The Contract Model with the lookups several sections share. */
export interface ModelIndex {
  readonly model: ContractModel;
  /** Resolves the `$ref`s of schemas that belong to no schema file (parameters, headers, inline bodies). */
  readonly scope: SchemaScope;
  readonly fileScope: (file: SchemaDocument) => SchemaScope;
  readonly schemaFile: (id: string) => SchemaDocument;
  readonly codeRef: (code: number) => CodeRef;
  /** Messages whose payload is the feed-data acknowledgement. */
  readonly ackMessages: readonly MqttMessage[];
  /** An acknowledgement names a rejection by error type: it can carry any active code that has one. */
  readonly ackCodes: readonly number[];
}

export function indexModel(model: ContractModel): ModelIndex {
  const files = new Map(model.schemas.map((file) => [file.id, file]));
  const byCode = new Map(model.registry.map((entry) => [entry.code, entry]));
  return {
    model,
    scope: { files, base: null },
    fileScope: (file) => ({ files, base: file }),
    schemaFile: (id) => files.get(id)!,
    codeRef: (code) => ({ code, message: byCode.get(code)?.message ?? '', href: href(codeId(code)) }),
    ackMessages: model.messages.filter((message) => message.payloadSchemaId === model.schemaIds.feedDataAck),
    ackCodes: model.registry.filter((entry) => entry.retired === null && entry.errorType !== null).map((entry) => entry.code),
  };
}

export function example(named: NamedExample): Example {
  // A lone OpenAPI `example` has no name of its own; the model calls it `example`.
  return { name: named.name === 'example' ? '' : named.name, summary: named.summary, json: JSON.stringify(named.value, null, 2) };
}

/** The `examples` of a schema file, which have neither name nor summary. */
export function fileExamples(file: SchemaDocument): Example[] {
  return schemaExamples(file).map((value) => example({ name: '', summary: '', value }));
}

/** A schema file's `description`, which JSON Schema does not require to be a string. */
export function fileDescription(file: SchemaDocument): string {
  return typeof file.schema.description === 'string' ? file.schema.description : '';
}

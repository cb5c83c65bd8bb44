import type { Category, ContractModel, HttpOperation, MqttMessage, NamedExample, ResponseCode, SchemaDocument, Server } from '@iotv1/generator-core/kit';
import { codeId, href, messageId, operationId, schemaId } from './anchors.js';
import { code, type Inline, paragraphs, prose, text } from './inline.js';
import {
  anchorHint,
  BUNDLES_NOTE,
  ERROR_RESPONSE_INTRO,
  fallbackRows,
  feedDataStatusesIntro,
  handlingRules,
  MQTT_CODES_NOTE,
  registryIntro,
  SECTION_TITLES,
} from './prose.js';
import { type Field, fieldsOf, isClosed, type SchemaScope, schemaExamples, typeText } from './schema-text.js';
import { type Snippets, snippets } from './snippets.js';

/**
 * Everything the docs say, format-neutral and unescaped: the HTML view and the Markdown views place and escape it.
 * Built once from the Contract Model, so the page and the Markdown cannot disagree.
 */

/** Where a code can come from: HTTPS operations, or MQTT messages that name it by error type. */
export interface Producers {
  readonly transport: 'HTTPS' | 'MQTT';
  readonly items: readonly { readonly label: string; readonly href: string }[];
}

export interface CodeEntry {
  readonly id: string;
  readonly code: number;
  readonly message: string;
  readonly meaning: string;
  readonly category: Category;
  readonly errorType: string | null;
  readonly httpStatus: number;
  readonly retryable: boolean;
  readonly since: string;
  readonly retiredReason: string | null;
  /** Non-empty groups only. */
  readonly producers: readonly Producers[];
}

/** A code named by an operation, a response or a message, with its message. */
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

export interface Parameter {
  readonly name: string;
  readonly in: string;
  readonly required: boolean;
  readonly type: Inline;
  readonly description: Inline;
  readonly example: string | null;
}

export interface Body {
  readonly mediaType: string;
  readonly required: boolean;
  readonly schema: Inline;
  readonly description: Inline;
  readonly examples: readonly Example[];
}

export interface Response {
  readonly status: number;
  readonly description: Inline;
  readonly codes: readonly CodeRef[];
  readonly mediaType: string;
  readonly schema: Inline;
  readonly headers: readonly { readonly name: string; readonly required: boolean; readonly type: Inline; readonly description: Inline }[];
  readonly examples: readonly Example[];
}

export interface Operation {
  readonly id: string;
  readonly operationId: string;
  readonly method: string;
  readonly path: string;
  readonly summary: Inline;
  readonly description: readonly Inline[];
  readonly security: readonly Inline[];
  readonly parameters: readonly Parameter[];
  readonly requestBody: Body | null;
  readonly codes: readonly CodeRef[];
  readonly responses: readonly Response[];
}

export interface Message {
  readonly id: string;
  readonly name: string;
  readonly title: string;
  readonly summary: Inline;
  readonly address: string;
  readonly channel: string;
  readonly channelDescription: Inline;
  readonly direction: string;
  readonly parameters: readonly { readonly name: string; readonly description: Inline }[];
  readonly payload: Inline;
  readonly examples: readonly Example[];
  /** Codes whose error type the message may carry (acknowledgements only). */
  readonly codes: readonly CodeRef[];
}

export interface Schema {
  readonly id: string;
  readonly title: string;
  readonly file: string;
  readonly uri: string;
  readonly description: readonly Inline[];
  /** For schemas that are not objects with properties: what a value is. */
  readonly type: Inline | null;
  readonly fields: readonly Field[];
  readonly closed: boolean;
  readonly examples: readonly Example[];
  /** The registry schema is the table of codes: its entries are not listed again. */
  readonly isRegistry: boolean;
}

export interface Status {
  readonly value: string;
  readonly description: Inline;
}

export interface Api {
  readonly title: string;
  readonly description: readonly Inline[];
  readonly servers: readonly Server[];
}

export interface DocsContent {
  readonly version: string;
  readonly contentHash: string;
  readonly sections: typeof SECTION_TITLES;
  readonly intro: readonly Inline[];
  readonly anchorHint: Inline;
  readonly codes: readonly CodeEntry[];
  readonly errorResponse: { readonly intro: Inline; readonly schema: Inline; readonly fields: readonly Field[]; readonly examples: readonly Example[] };
  readonly feedDataStatuses: { readonly intro: Inline; readonly values: readonly Status[] };
  readonly ack: { readonly description: readonly Inline[]; readonly schema: Inline; readonly fields: readonly Field[]; readonly statuses: readonly Status[] };
  readonly rules: readonly Inline[];
  readonly fallback: readonly { readonly httpStatus: number; readonly code: CodeRef }[];
  readonly https: Api & { readonly security: readonly { readonly name: string; readonly kind: string; readonly description: Inline }[] };
  readonly httpsOperations: readonly Operation[];
  readonly mqtt: Api;
  readonly mqttMessages: readonly Message[];
  readonly mqttCodesNote: Inline;
  readonly schemas: readonly Schema[];
  readonly bundlesNote: Inline;
  readonly snippets: Snippets;
}

export function docsContent(model: ContractModel): DocsContent {
  const files = new Map(model.schemas.map((file) => [file.id, file]));
  const scope: SchemaScope = { files, base: null };
  const fileScope = (file: SchemaDocument): SchemaScope => ({ files, base: file });
  const schemaFile = (id: string): SchemaDocument => files.get(id)!;
  const byCode = new Map(model.registry.map((entry) => [entry.code, entry]));
  const codeRef = (value: number): CodeRef => ({ code: value, message: byCode.get(value)?.message ?? '', href: href(codeId(value)) });
  const schemaLink = (id: string | null, schema: Parameters<typeof typeText>[0]): Inline =>
    id === null ? typeText(schema, scope) : typeText({ $ref: id }, scope);
  const ackMessages = model.messages.filter((message) => message.payloadSchemaId === model.schemaIds.feedDataAck);
  // An acknowledgement names a rejection by error type: it can carry any active code that has one.
  const ackCodes = model.registry.filter((entry) => entry.retired === null && entry.errorType !== null).map((entry) => entry.code);
  const errorFile = schemaFile(model.schemaIds.errorResponse);
  const ackFile = schemaFile(model.schemaIds.feedDataAck);

  const producersOf = (entry: ResponseCode): Producers[] =>
    [
      {
        transport: 'HTTPS' as const,
        items: model.operations.filter((op) => op.responseCodes.includes(entry.code)).map((op) => ({ label: op.operationId, href: href(operationId(op)) })),
      },
      {
        transport: 'MQTT' as const,
        items: (ackCodes.includes(entry.code) ? ackMessages : []).map((message) => ({ label: message.name, href: href(messageId(message)) })),
      },
    ].filter((group) => group.items.length > 0);

  const operation = (op: HttpOperation): Operation => ({
    id: operationId(op),
    operationId: op.operationId,
    method: op.method,
    path: op.path,
    summary: prose(op.summary),
    description: paragraphs(op.description),
    security: op.security.map((name) => {
      const scheme = model.http.securitySchemes.find((s) => s.name === name);
      return [
        code(name),
        text(scheme === undefined ? '' : ` (${[scheme.type, scheme.scheme].filter((s) => s !== '').join(' ')}): `),
        ...prose(scheme?.description ?? ''),
      ];
    }),
    parameters: op.parameters.map((p) => ({
      name: p.name,
      in: p.in,
      required: p.required,
      type: typeText(p.schema, scope),
      description: prose(p.description),
      example: p.examples[0] === undefined ? null : JSON.stringify(p.examples[0].value),
    })),
    requestBody:
      op.requestBody === null
        ? null
        : {
            mediaType: op.requestBody.mediaType,
            required: op.requestBody.required,
            schema: schemaLink(op.requestBody.schemaId, op.requestBody.schema),
            description: prose(op.requestBody.description),
            examples: op.requestBody.examples.map(example),
          },
    codes: op.responseCodes.map(codeRef),
    responses: op.responses.map((r) => ({
      status: r.status,
      description: prose(r.description),
      codes: r.codes.map(codeRef),
      mediaType: r.mediaType,
      schema: schemaLink(r.schemaId, r.schema),
      headers: r.headers.map((h) => ({ name: h.name, required: h.required, type: typeText(h.schema, scope), description: prose(h.description) })),
      examples: r.examples.map(example),
    })),
  });

  const message = (m: MqttMessage): Message => ({
    id: messageId(m),
    name: m.name,
    title: m.title === '' ? m.name : m.title,
    summary: prose(m.summary),
    address: m.address,
    channel: m.channel,
    channelDescription: prose(m.channelDescription),
    direction: m.action === 'send' ? 'The device publishes it.' : 'The device subscribes and receives it.',
    parameters: m.parameters.map((p) => ({ name: p.name, description: prose(p.description) })),
    payload: typeText({ $ref: m.payloadSchemaId }, scope),
    examples: m.examples.map(example),
    codes: m.payloadSchemaId === model.schemaIds.feedDataAck ? ackCodes.map(codeRef) : [],
  });

  const schema = (file: SchemaDocument): Schema => {
    const fields = fieldsOf(file.schema, fileScope(file));
    return {
      id: schemaId(file),
      title: typeof file.schema.title === 'string' ? file.schema.title : file.file,
      file: file.file,
      uri: file.id,
      description: paragraphs(typeof file.schema.description === 'string' ? file.schema.description : ''),
      type: fields.length === 0 ? typeText(file.schema, fileScope(file)) : null,
      fields,
      closed: isClosed(file.schema),
      examples: schemaExamples(file).map((value) => example({ name: '', summary: '', value })),
      isRegistry: file.id === model.schemaIds.responseCode,
    };
  };

  return {
    version: model.version,
    contentHash: model.contentHash,
    sections: SECTION_TITLES,
    intro: registryIntro(),
    anchorHint: anchorHint(model),
    codes: model.registry.map((entry) => ({
      id: codeId(entry.code),
      code: entry.code,
      message: entry.message,
      meaning: entry.meaning,
      category: entry.category,
      errorType: entry.errorType,
      httpStatus: entry.httpStatus,
      retryable: entry.retryable,
      since: entry.since,
      retiredReason: entry.retired?.reason ?? null,
      producers: producersOf(entry),
    })),
    errorResponse: {
      intro: ERROR_RESPONSE_INTRO,
      schema: typeText({ $ref: errorFile.id }, scope),
      fields: fieldsOf(errorFile.schema, fileScope(errorFile)),
      examples: schemaExamples(errorFile).map((value) => example({ name: '', summary: '', value })),
    },
    feedDataStatuses: { intro: feedDataStatusesIntro(), values: model.feedDataStatuses.map((s) => ({ value: s.value, description: prose(s.description) })) },
    ack: {
      description: paragraphs(typeof ackFile.schema.description === 'string' ? ackFile.schema.description : ''),
      schema: typeText({ $ref: ackFile.id }, scope),
      fields: fieldsOf(ackFile.schema, fileScope(ackFile)),
      statuses: model.ackStatuses.map((s) => ({ value: s.value, description: prose(s.description) })),
    },
    rules: handlingRules(model),
    fallback: fallbackRows(model).map((row) => ({ httpStatus: row.httpStatus, code: codeRef(row.code) })),
    https: {
      title: model.http.title,
      description: paragraphs(model.http.description),
      servers: model.http.servers,
      security: model.http.securitySchemes.map((s) => ({
        name: s.name,
        kind: [s.type, s.scheme].filter((k) => k !== '').join(' '),
        description: prose(s.description),
      })),
    },
    httpsOperations: model.operations.map(operation),
    mqtt: { title: model.mqtt.title, description: paragraphs(model.mqtt.description), servers: model.mqtt.servers },
    mqttMessages: model.messages.map(message),
    mqttCodesNote: MQTT_CODES_NOTE,
    schemas: model.schemas.map(schema),
    bundlesNote: BUNDLES_NOTE,
    snippets: snippets(model),
  };
}

function example(named: NamedExample): Example {
  // A lone OpenAPI `example` has no name of its own; the model calls it `example`.
  return { name: named.name === 'example' ? '' : named.name, summary: named.summary, json: JSON.stringify(named.value, null, 2) };
}

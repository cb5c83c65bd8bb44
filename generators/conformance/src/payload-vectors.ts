import { type ContractModel, type NamedExample, type SchemaDocument, type SchemaIndex, schemaIndex } from '@iotv1/generator-kit';
import type { PayloadLocation, PayloadVector } from './vectors.js';

type Schema = Readonly<Record<string, unknown>>;

/** A value of each JSON type; a wrong-type payload takes the first one its schema does not allow. */
const VALUES_BY_TYPE: readonly [string, unknown][] = [
  ['number', 1.5],
  ['string', 'conformance'],
  ['boolean', true],
  ['object', {}],
  ['array', []],
  ['null', null],
];

/**
 * The payload vectors: every example of the spec, valid where it stands; and, from the first example of each request
 * body and MQTT message, payloads made invalid one property at a time (a required property left out, a property of
 * the wrong type), each with the pointer and keyword a validator must report.
 */
export function payloadVectors(model: ContractModel): PayloadVector[] {
  const index = schemaIndex(model);
  const examples = (prefix: string, at: PayloadLocation, list: readonly NamedExample[]): PayloadVector[] =>
    list.map((example) => ({
      id: `${prefix}/example/${example.name}`,
      about: example.summary || `the spec's example ${example.name}`,
      at,
      value: example.value,
      valid: true,
      pointer: null,
      keyword: null,
    }));
  const broken = (prefix: string, at: PayloadLocation, schemaId: string, list: readonly NamedExample[]): PayloadVector[] =>
    list.length === 0 ? [] : invalidPayloads(index, index.get(schemaId), list[0]!.value).map((vector) => ({ ...vector, id: `${prefix}/${vector.id}`, at }));
  return [
    ...model.operations.flatMap((operation) => {
      const body = operation.requestBody;
      const prefix = `payload/${operation.operationId}`;
      return [
        ...(body === null
          ? []
          : [
              ...examples(`${prefix}/body`, { operation: operation.operationId, part: 'body' }, body.examples),
              ...broken(`${prefix}/body`, { operation: operation.operationId, part: 'body' }, body.schemaId, body.examples),
            ]),
        ...operation.responses.flatMap((response) =>
          examples(`${prefix}/response/${response.status}`, { operation: operation.operationId, part: 'response', status: response.status }, response.examples),
        ),
      ];
    }),
    ...model.messages.flatMap((message) => [
      ...examples(`payload/message/${message.name}`, { message: message.name }, message.examples),
      ...broken(`payload/message/${message.name}`, { message: message.name }, message.payloadSchemaId, message.examples),
    ]),
    ...model.schemas.flatMap((document) => {
      const title = String(document.schema.title);
      const list = ((document.schema.examples as unknown[] | undefined) ?? []).map((value, i) => ({
        name: String(i + 1),
        summary: `${document.file} example ${i + 1}`,
        value,
      }));
      return examples(`payload/schema/${title}`, { schema: document.id, title }, list);
    }),
  ];
}

/** `example` made invalid one top-level property at a time: each required one left out, each typed one given another type. */
function invalidPayloads(index: SchemaIndex, document: SchemaDocument, example: unknown): Omit<PayloadVector, 'at'>[] {
  if (typeof example !== 'object' || example === null || Array.isArray(example)) return [];
  const value = example as Readonly<Record<string, unknown>>;
  const required = (document.schema.required as string[] | undefined) ?? [];
  const properties = (document.schema.properties as Readonly<Record<string, Schema>> | undefined) ?? {};
  const missing = required.map((name) => {
    const { [name]: _left, ...rest } = value;
    return {
      id: `missing/${name}`,
      about: `${document.file} without its required ${name}`,
      value: rest,
      valid: false,
      pointer: `/${name}`,
      keyword: 'required',
    };
  });
  const wrongType = Object.entries(properties).flatMap(([name, property]) => {
    const types = typesOf(index, document, property);
    const wrong = types === null ? undefined : VALUES_BY_TYPE.find(([type]) => !types.includes(type));
    if (wrong === undefined) return [];
    return [
      {
        id: `wrong-type/${name}`,
        about: `${document.file} with ${name} of type ${wrong[0]}`,
        value: { ...value, [name]: wrong[1] },
        valid: false,
        pointer: `/${name}`,
        keyword: 'type',
      },
    ];
  });
  return [...missing, ...wrongType];
}

/** The JSON types a property's schema allows, following one reference; `null` when its schema does not say. */
function typesOf(index: SchemaIndex, document: SchemaDocument, property: Schema): string[] | null {
  const ref = property.$ref;
  if (typeof ref === 'string' && !ref.startsWith('#'))
    return typesOf(index, index.get(index.targetOf(ref, document)), index.get(index.targetOf(ref, document)).schema);
  const { type } = property;
  if (typeof type === 'string') return type === 'number' ? ['number', 'integer'] : [type];
  return Array.isArray(type) ? type.map(String) : null;
}

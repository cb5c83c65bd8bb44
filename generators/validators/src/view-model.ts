import { type ContractModel, docCommentText, type HttpOperation, type HttpParameter, tsString } from '@iotv1/generator-kit';
import type { ValidatorNames } from './names.js';
import type { ValidatorSource } from './standalone.js';

export interface ValidatorsView {
  readonly banner: string;
  readonly validators: readonly { name: string; type: string; doc: string }[];
  readonly operations: readonly {
    operationId: string;
    method: string;
    path: string;
    params: string;
    body: string;
    bodyRequired: boolean;
    responses: readonly { status: number; validator: string }[];
    responseCodes: string;
  }[];
  readonly messages: readonly { name: string; channel: string; address: string; action: string; payload: string }[];
}

/** Every validator to compile: one per schema file (request bodies are always one), plus path parameters and inline responses. */
export function validatorSources(model: ContractModel, names: ValidatorNames): ValidatorSource[] {
  const sources: ValidatorSource[] = model.schemas.map((s) => ({ name: names.bySchemaId.get(s.id)!, schemaId: s.id }));
  for (const operation of model.operations) {
    const pathParameters = operation.parameters.filter((p) => p.in === 'path');
    if (pathParameters.length > 0) sources.push({ name: names.params(operation), schema: paramsSchema(pathParameters) });
    for (const response of operation.responses) {
      if (response.schemaId === null) sources.push({ name: names.inlineResponse(operation, response), schema: response.schema });
    }
  }
  return uniqueByName(sources);
}

export function validatorsView(model: ContractModel, names: ValidatorNames, banner: string): ValidatorsView {
  const fn = (name: string): string => `validate${name}`;
  const schemaName = (id: string): string => names.bySchemaId.get(id)!;
  return {
    banner,
    validators: [
      ...model.schemas.map((s) => ({
        name: schemaName(s.id),
        type: `Types.${schemaName(s.id)}`,
        doc: docCommentText(`Validates ${schemaName(s.id)} (spec/${s.file}).`),
      })),
      ...uniqueByName(model.operations.flatMap((operation) => operationOnlyValidators(operation, names))),
    ],
    operations: model.operations.map((operation) => ({
      operationId: operation.operationId,
      method: tsString(operation.method),
      path: tsString(operation.path),
      params: operation.parameters.some((p) => p.in === 'path') ? fn(names.params(operation)) : 'null',
      body: operation.requestBody === null ? 'null' : fn(schemaName(operation.requestBody.schemaId)),
      bodyRequired: operation.requestBody?.required ?? false,
      responses: operation.responses.map((r) => ({
        status: r.status,
        validator: fn(r.schemaId === null ? names.inlineResponse(operation, r) : schemaName(r.schemaId)),
      })),
      responseCodes: operation.responseCodes.join(', '),
    })),
    messages: model.messages.map((m) => ({
      name: m.name,
      channel: tsString(m.channel),
      address: tsString(m.address),
      action: tsString(m.action),
      payload: fn(schemaName(m.payloadSchemaId)),
    })),
  };
}

function operationOnlyValidators(operation: HttpOperation, names: ValidatorNames): { name: string; type: string; doc: string }[] {
  const list: { name: string; type: string; doc: string }[] = [];
  const pathParameters = operation.parameters.filter((p) => p.in === 'path');
  if (pathParameters.length > 0) {
    list.push({
      name: names.params(operation),
      type: `{ ${pathParameters.map((p) => `readonly ${tsString(p.name)}: ${tsTypeOf(p)}`).join('; ')} }`,
      doc: docCommentText(`Validates the path parameters of ${operation.operationId}.`),
    });
  }
  for (const response of operation.responses) {
    if (response.schemaId !== null) continue;
    const what = response.component === null ? `the ${response.status} response of ${operation.operationId}` : `the shared ${response.component} response`;
    list.push({ name: names.inlineResponse(operation, response), type: 'unknown', doc: docCommentText(`Validates ${what}.`) });
  }
  return list;
}

/** The first of each name: operations that share a response share its validator. */
function uniqueByName<T extends { readonly name: string }>(items: readonly T[]): T[] {
  const seen = new Set<string>();
  return items.filter((item) => !seen.has(item.name) && seen.add(item.name));
}

/** Path parameters arrive as strings; a schema may only narrow them. */
function tsTypeOf(parameter: HttpParameter): string {
  return typeof parameter.schema === 'object' && parameter.schema.type === 'string' ? 'string' : 'unknown';
}

function paramsSchema(parameters: readonly HttpParameter[]): Record<string, unknown> {
  return {
    type: 'object',
    required: parameters.filter((p) => p.required).map((p) => p.name),
    properties: Object.fromEntries(parameters.map((p) => [p.name, p.schema])),
    additionalProperties: false,
  };
}

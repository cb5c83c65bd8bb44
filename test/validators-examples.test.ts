import { loadContract } from '@iotv1/generator-core';
import * as validators from '@iotv1/validators';
import { checkAck, checkResponse, type OperationId } from '@iotv1/validators';
import { describe, expect, it } from 'vitest';
import { SPEC_DIR } from './support/workspace.js';

/** The spec's own examples, through the generated validators: both come from one source and must agree. */
const model = await loadContract(SPEC_DIR);
const validatorOf = (schemaId: string) => {
  const title = String(model.schemas.find((s) => s.id === schemaId)!.schema.title);
  return (validators as unknown as Record<string, (data: unknown) => validators.Validated<unknown>>)[`validate${title}`]!;
};

describe('every example of the spec passes the generated validators', () => {
  it.each(
    model.schemas.flatMap((s) =>
      ((s.schema.examples as unknown[] | undefined) ?? []).map((example, i) => [`${s.file} example ${i + 1}`, s.id, example] as const),
    ),
  )('%s', (_name, id, example) => {
    expect(validatorOf(id)(example)).toMatchObject({ ok: true });
  });

  it.each(
    model.operations.flatMap((op) =>
      op.responses.flatMap((r) => r.examples.map((e) => [`${op.operationId} ${r.status} ${e.name}`, op, r.status, e.value] as const)),
    ),
  )('%s passes the response conformance check', (_name, operation, status, value) => {
    expect(checkResponse(operation.operationId as OperationId, status, value)).toEqual([]);
  });

  it.each(model.operations.flatMap((op) => (op.requestBody?.examples ?? []).map((e) => [`${op.operationId} request ${e.name}`, op, e.value] as const)))(
    '%s passes the request body validator',
    (_name, operation, value) => {
      expect(validators.operations[operation.operationId as OperationId].body?.(value)).toMatchObject({ ok: true });
    },
  );

  it.each(model.messages.flatMap((m) => m.examples.map((e) => [`${m.name} ${e.name}`, m, e.value] as const)))('MQTT %s', (_name, message, value) => {
    expect(validatorOf(message.payloadSchemaId)(value)).toMatchObject({ ok: true });
    if (message.payloadSchemaId === model.schemaIds.feedDataAck) expect(checkAck(value)).toEqual([]);
  });
});

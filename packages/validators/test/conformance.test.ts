import { type PayloadLocation, type PayloadVector, vectors } from '@iotv1/conformance';
import { describe, expect, it } from 'vitest';
import type { Validated } from '../src/index.js';
import * as validators from '../src/index.js';

/** The payload vectors through the generated validators: every spec example valid, every broken payload refused at its pointer. */
type Validate = (data: unknown) => Validated<unknown>;

function validatorAt(at: PayloadLocation): Validate | undefined {
  if ('message' in at) return (validators.messages as Readonly<Record<string, { payload: Validate }>>)[at.message]?.payload;
  if ('schema' in at) return (validators as unknown as Readonly<Record<string, Validate | undefined>>)[`validate${at.title}`];
  const operation = (validators.operations as Readonly<Record<string, validators.OperationValidators>>)[at.operation];
  return at.part === 'body' ? (operation?.body ?? undefined) : operation?.responses[at.status];
}

/** A valid response or ack must also pass the contract's conformance check (its code belongs to its status...). */
function conformanceOf(vector: PayloadVector): readonly unknown[] {
  const { at } = vector;
  if ('part' in at && at.part === 'response') return validators.checkResponse(at.operation as validators.OperationId, at.status, vector.value);
  // What the device receives over MQTT is an acknowledgement.
  if ('message' in at && validators.messages[at.message as keyof typeof validators.messages]?.action === 'receive') return validators.checkAck(vector.value);
  return [];
}

/** Disagreements of the validators with the payload vectors, each naming the vector. */
function runPayloadVectors(payloads: readonly PayloadVector[]): string[] {
  return payloads.flatMap((vector) => {
    const validate = validatorAt(vector.at);
    if (validate === undefined) return [`[validators] ${vector.id}: no validator for ${JSON.stringify(vector.at)}`];
    const verdict = validate(vector.value);
    if (verdict.ok !== vector.valid)
      return [`[validators] ${vector.id}: ${verdict.ok ? 'valid' : 'invalid'}, the vector says ${vector.valid ? 'valid' : 'invalid'}`];
    if (vector.valid) return conformanceOf(vector).map((problem) => `[validators] ${vector.id}: fails the conformance check: ${JSON.stringify(problem)}`);
    if (verdict.ok) return [];
    const reported = verdict.issues.some((issue) => issue.pointer === vector.pointer && issue.keyword === vector.keyword);
    const issues = verdict.issues.map((issue) => `${issue.keyword} at ${issue.pointer || '/'}`).join(', ');
    return reported ? [] : [`[validators] ${vector.id}: reports ${issues}, the vector says ${vector.keyword} at ${vector.pointer}`];
  });
}

describe('the conformance vectors through @iotv1/validators', () => {
  it(`agrees with every payload vector (${vectors.payloads.length}: ${vectors.payloads.filter((v) => !v.valid).length} invalid)`, () => {
    expect(runPayloadVectors(vectors.payloads)).toEqual([]);
  });

  it('names a wrong vector', () => {
    const broken = vectors.payloads.find((v) => v.id === 'payload/submitFeedData/body/missing/message_id')!;
    expect(runPayloadVectors([{ ...broken, valid: true }])).toEqual([
      '[validators] payload/submitFeedData/body/missing/message_id: invalid, the vector says valid',
    ]);
    expect(runPayloadVectors([{ ...broken, pointer: '/readings' }])).toEqual([
      '[validators] payload/submitFeedData/body/missing/message_id: reports required at /message_id, the vector says required at /readings',
    ]);
  });
});

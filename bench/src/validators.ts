import { type Json, type Schema as SchemasafeSchema, type Validate as SchemasafeValidate, validator as schemasafeValidator } from '@exodus/schemasafe';
import type { ContractModel } from '@iotv1/generator-kit';
import { validateFeedDataAck, validateFeedDataSubmission, validateHttpErrorResponse } from '@iotv1/validators';
import Ajv2020Module from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { fullFormats } from 'ajv-formats/dist/formats.js';
import { Bench } from 'tinybench';
import { z } from 'zod';
import { median } from './generation.js';
import { bundled } from './schemas.js';

const Ajv2020 = Ajv2020Module.default;
const addFormats = addFormatsModule.default;

/** One payload of the spec, as the server receives it (text) and as validators see it (parsed). */
interface Payload {
  readonly name: string;
  readonly schema: 'FeedDataSubmission' | 'FeedDataAck' | 'HttpErrorResponse';
  readonly valid: boolean;
  readonly text: string;
}

export interface ValidatorRow {
  readonly payload: string;
  readonly bytes: number;
  readonly valid: boolean;
  /** Operations per second, median of the rounds. */
  readonly ours: number;
  readonly ajv: number;
  readonly schemasafe: number;
  readonly zod: number;
  readonly jsonParse: number;
}

const OURS = { FeedDataSubmission: validateFeedDataSubmission, FeedDataAck: validateFeedDataAck, HttpErrorResponse: validateHttpErrorResponse };

/** Payloads from the spec's own examples, plus a large one and invalid ones. */
function payloads(model: ContractModel): Payload[] {
  const example = (title: Payload['schema']): Record<string, unknown> =>
    (model.schemas.find((s) => s.schema.title === title)!.schema.examples as Record<string, unknown>[])[0]!;
  const submission = example('FeedDataSubmission');
  const reading = (i: number) => ({ feed: `sensor.${i % 50}`, value: i * 0.5, unit: 'Cel', recorded_at: '2026-11-21T10:14:58Z' });
  const large = { ...submission, readings: Array.from({ length: 500 }, (_, i) => reading(i)) };
  const list: Omit<Payload, 'text'>[] = [];
  const add = (name: string, schema: Payload['schema'], valid: boolean, value: unknown) => list.push({ name, schema, valid, value } as never);
  add('feed data (spec example)', 'FeedDataSubmission', true, submission);
  add('feed data, 500 readings', 'FeedDataSubmission', true, large);
  add('feed data, last of 500 readings invalid', 'FeedDataSubmission', false, {
    ...large,
    readings: [...large.readings.slice(0, 499), { feed: 'x', value: null }],
  });
  add('feed data, unknown property', 'FeedDataSubmission', false, { ...submission, extra: true });
  add('acknowledgement (spec example)', 'FeedDataAck', true, example('FeedDataAck'));
  add('error response (spec example)', 'HttpErrorResponse', true, example('HttpErrorResponse'));
  add('error response, code not in the registry', 'HttpErrorResponse', false, { ...example('HttpErrorResponse'), code: 4777 });
  return list.map((p) => ({ ...p, text: JSON.stringify((p as unknown as { value: unknown }).value) }));
}

/** Keeps each call's result alive, so no engine can skip the work. */
const sink: unknown[] = [undefined];

/** Each comparison runs this many times; the median is reported. */
const ROUNDS = 3;

/**
 * Throughput of the precompiled validators against Ajv compiled at run time, @exodus/schemasafe compiled at run time
 * and zod 4, on the same payloads, with the same verdicts (checked first). Each does the work its caller gets by default:
 * Ajv its raw errors, zod its issues, schemasafe its verdict (errors off, as its default), ours a result whose
 * `issues` are built on first read (as Ajv's errors are there, unread, in its baseline). Ajv and schemasafe check
 * `date-time` with the same function (ajv-formats'); ours with the package's own, stricter one.
 */
export async function benchValidators(model: ContractModel, timeMs: number): Promise<ValidatorRow[]> {
  const ajv = new Ajv2020({ strict: false, allErrors: false });
  addFormats(ajv);
  for (const document of model.schemas) ajv.addSchema(document.schema as object);
  const dateTime = (fullFormats['date-time'] as { validate: (text: string) => boolean }).validate;
  const schemas = new Map(model.schemas.map((document) => [document.id, document.schema as SchemasafeSchema]));
  // One schemasafe validator per schema, as Ajv's getSchema and our module each hold one, reused by every payload.
  const schemasafeValidators = new Map<string, SchemasafeValidate>();
  const schemasafeOf = (title: string): SchemasafeValidate => {
    let validate = schemasafeValidators.get(title);
    if (validate === undefined) {
      const options = { schemas, includeErrors: false, allErrors: false, formats: { 'date-time': dateTime }, extraFormats: false, mode: 'default' };
      validate = schemasafeValidator(schemas.get(idOf(title))!, options);
      schemasafeValidators.set(title, validate);
    }
    return validate;
  };
  const idOf = (title: string) => model.schemas.find((s) => s.schema.title === title)!.id;
  const rows: ValidatorRow[] = [];
  for (const payload of payloads(model)) {
    const data = JSON.parse(payload.text) as Json;
    const ours = OURS[payload.schema];
    const ajvValidate = ajv.getSchema(idOf(payload.schema))!;
    const zodSchema = z.fromJSONSchema(bundled(model, idOf(payload.schema)) as never);
    const schemasafeValidate = schemasafeOf(payload.schema);
    const verdicts = {
      ours: ours(data).ok,
      ajv: ajvValidate(data),
      zod: zodSchema.safeParse(data).success,
      schemasafe: schemasafeValidate(data),
    };
    for (const [name, verdict] of Object.entries(verdicts)) {
      if (verdict !== payload.valid) throw new Error(`${name} says ${verdict} for "${payload.name}"; the bench compares validators that agree`);
    }
    // Calls per timed sample: a small payload validates in tens of nanoseconds, less than the timer's own cost, so
    // each sample runs a batch (about 100 kB of payload) and ops/s counts the calls.
    const batch = Math.max(1, Math.round(100_000 / Buffer.byteLength(payload.text)));
    const batched = (call: () => unknown) => () => {
      for (let i = 0; i < batch; i++) sink[0] = call();
    };
    const measure = async (): Promise<Record<string, number>> => {
      const bench = new Bench({ time: timeMs, warmup: true });
      bench
        .add(
          'ours',
          batched(() => ours(data)),
        )
        .add(
          'ajv',
          batched(() => ajvValidate(data)),
        )
        .add(
          'schemasafe',
          batched(() => schemasafeValidate(data)),
        )
        .add(
          'zod',
          batched(() => zodSchema.safeParse(data)),
        )
        .add(
          'JSON.parse',
          batched(() => JSON.parse(payload.text)),
        );
      await bench.run();
      // ops/s from the mean time per sample (total time / samples), times the calls in a sample.
      return Object.fromEntries(bench.tasks.map((task) => [task.name, (batch * 1000) / (task.result as { period: number }).period]));
    };
    const rounds: Record<string, number>[] = [];
    for (let round = 0; round < ROUNDS; round++) rounds.push(await measure());
    const hz = (name: string): number => median(rounds.map((r) => r[name]!));
    rows.push({
      payload: payload.name,
      bytes: Buffer.byteLength(payload.text),
      valid: payload.valid,
      ours: hz('ours'),
      ajv: hz('ajv'),
      schemasafe: hz('schemasafe'),
      zod: hz('zod'),
      jsonParse: hz('JSON.parse'),
    });
  }
  return rows;
}

import { fileURLToPath } from 'node:url';
import { loadContract } from '@iotv1/generator-core';
import { ANNOTATION_KEYWORDS, type ContractModel, createAjv } from '@iotv1/generator-kit';
import { seededRandom as random } from '@iotv1/test-tools/random';
import { beforeAll, describe, expect, it } from 'vitest';
import { formats, isDateTime } from '../../../packages/validators/src/formats.js';
import * as helpers from '../../../packages/validators/src/helpers.js';
import * as result from '../../../packages/validators/src/result.js';
import { withLazyErrors } from '../src/lazy-errors.js';
import { validatorNames } from '../src/names.js';
import { withUsedSchemaValues } from '../src/schema-constants.js';
import { standaloneValidators, type ValidatorSource } from '../src/standalone.js';
import { validatorSources } from '../src/view-model.js';

type Compiled = result.CompiledValidator;

/** The module standaloneValidators writes, evaluated with the package's own runtime (formats, helpers, result). */
function evaluate(code: string): Record<string, Compiled> {
  const runtime: Record<string, unknown> = { formats, ...helpers, ...result };
  const names: string[] = [];
  const body = code
    .replace(/^import \{ ([^}]+) \} from "\.\.\/[a-z]+\.js";$/gm, (_line, list: string) => {
      names.push(...list.split(',').map((name) => name.trim()));
      return '';
    })
    .replace(/^export const (\w+) = (validate\d+);$/gm, 'exports.$1 = $2;');
  const exports: Record<string, Compiled> = {};
  new Function(...names, 'exports', body)(...names.map((name) => runtime[name]), exports);
  return exports;
}

/** Ajv compiled at run time from the same schemas, with the same options and the same date-time check: the reference. */
function referenceValidators(model: ContractModel, sources: readonly ValidatorSource[]): Record<string, Compiled> {
  const ajv = createAjv({ allErrors: false });
  ajv.addFormat('date-time', isDateTime);
  const keys = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (typeof node === 'object' && node !== null) for (const [key, value] of Object.entries(node)) keys.add(key) && visit(value);
  };
  visit([...model.schemas.map((d) => d.schema), ...sources.flatMap((s) => ('schema' in s ? [s.schema] : []))]);
  ajv.addVocabulary([...ANNOTATION_KEYWORDS, ...[...keys].filter((key) => key.startsWith('x-'))]);
  for (const document of model.schemas) ajv.addSchema(document.schema as object);
  const validators: Record<string, Compiled> = {};
  for (const source of sources) {
    if ('schemaId' in source) validators[source.name] = ajv.getSchema(source.schemaId) as unknown as Compiled;
    else {
      const schema = source.schema;
      validators[source.name] = ajv.compile(typeof schema === 'boolean' ? schema : { ...schema }) as unknown as Compiled;
    }
  }
  return validators;
}

const ODD_VALUES: readonly unknown[] = [
  null,
  true,
  0,
  -1,
  1.5,
  2000,
  4777,
  2 ** 31,
  Number.NaN,
  '',
  'x',
  'Upper Case',
  'a/b~c',
  'sensor.12',
  '😀'.repeat(20),
  'x'.repeat(70),
  'x'.repeat(200),
  '2026-11-21T10:14:58Z',
  '2026-02-30T10:14:58Z',
  'created',
  'rejected',
  [],
  ['a', 'a'],
  {},
  { nested: { deeper: [1, 'two'] } },
];

/** `value` with one change somewhere: a member replaced, removed or added, or an item duplicated. */
function mutated(value: unknown, next: () => number): unknown {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  if (typeof value !== 'object' || value === null || next() < 0.15) return pick(ODD_VALUES);
  const copy: Record<string, unknown> | unknown[] = Array.isArray(value) ? [...value] : { ...(value as Record<string, unknown>) };
  const keys = Object.keys(copy);
  const choice = next();
  if (Array.isArray(copy) && copy.length > 0 && choice < 0.05) {
    // Past any maxItems of the spec (16 feeds, 500 readings).
    while (copy.length <= (next() < 0.5 ? 16 : 500)) copy.push(copy[0]);
  } else if (keys.length === 0 || choice < 0.15) {
    if (Array.isArray(copy)) copy.push(pick(copy.length > 0 ? copy : ODD_VALUES));
    else copy[pick(['extra', 'a/b', 'config', 'code', 'error', 'type', 'feed'])] = pick(ODD_VALUES);
  } else if (choice < 0.3) {
    const key = pick(keys);
    if (Array.isArray(copy)) copy.splice(Number(key), 1);
    else delete copy[key];
  } else {
    const key = pick(keys);
    (copy as Record<string, unknown>)[key] = mutated((copy as Record<string, unknown>)[key], next);
  }
  return copy;
}

describe('the rewritten standalone code', () => {
  let model: ContractModel;
  let sources: ValidatorSource[];
  let rewritten: Record<string, Compiled>;
  let reference: Record<string, Compiled>;
  let examples: unknown[];
  /** The examples of each validator's own schema. */
  let ownExamples: Map<string, unknown[]>;

  beforeAll(async () => {
    model = await loadContract(fileURLToPath(new URL('../../../spec/', import.meta.url)));
    sources = validatorSources(model, validatorNames(model));
    rewritten = evaluate(standaloneValidators(model, sources));
    reference = referenceValidators(model, sources);
    const names = validatorNames(model);
    ownExamples = new Map(model.schemas.map((document) => [names.bySchemaId.get(document.id)!, (document.schema.examples as unknown[] | undefined) ?? []]));
    // Past minItems, maxItems and uniqueItems, which one random change rarely reaches.
    const config = ownExamples.get('DeviceConfigResponse')![0] as { config: { feeds: string[] } };
    const submission = ownExamples.get('FeedDataSubmission')![0] as { readings: unknown[] };
    ownExamples
      .get('DeviceConfigResponse')!
      .push(
        { ...config, config: { ...config.config, feeds: Array.from({ length: 17 }, (_, i) => `feed.${i}`) } },
        { ...config, config: { ...config.config, feeds: ['a', 'b', 'a'] } },
      );
    ownExamples
      .get('FeedDataSubmission')!
      .push({ ...submission, readings: [] }, { ...submission, readings: Array.from({ length: 501 }, () => submission.readings[0]) });
    examples = [...ownExamples.values()].flat();
    examples.push(
      { deviceId: 'dev-1' },
      { deviceId: 'no spaces' },
      {
        message_id: 'm-1',
        readings: [
          { feed: 'a', value: 1 },
          { feed: 'b', value: 'on' },
        ],
      },
    );
  });

  it('gives the verdicts and issues of Ajv compiled at run time, on every validator, for 20,000 seeded payloads', () => {
    const next = random(17);
    const names = sources.map((source) => source.name);
    const issuesOf = (validate: Compiled, value: unknown) => {
      const verdict = validate(value) ? result.valid(value) : result.invalid(validate);
      return verdict.ok ? 'valid' : verdict.issues;
    };
    let invalid = 0;
    for (let run = 0; run < 20_000; run++) {
      const name = names[run % names.length]!;
      const own = ownExamples.get(name) ?? [];
      const pool = own.length > 0 && next() < 0.7 ? own : examples;
      let value = pool[Math.floor(next() * pool.length)];
      for (let changes = Math.floor(next() * 4); changes > 0; changes--) value = mutated(value, next);
      const expected = issuesOf(reference[name]!, value);
      if (expected !== 'valid') invalid++;
      expect([run, name, value, issuesOf(rewritten[name]!, value)]).toEqual([run, name, value, expected]);
    }
    // Most payloads are invalid for most validators: the error paths are what this covers.
    expect(invalid).toBeGreaterThan(10_000);
  });

  it('embeds no description, title or example', () => {
    const code = standaloneValidators(model, sources);
    expect(code).not.toMatch(/"(?:description|title|examples)":/);
    expect(code).not.toMatch(/schemaPath|instancePath=""\s*,\s*parentData/);
  });
});

describe('withLazyErrors', () => {
  const required = [
    'function validate1(data, instancePath=""){',
    'if(data.a === undefined){',
    'validate1.errors = [{instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: missing0},message:"must have required property \'"+missing0+"\'"}];',
    'return false;',
    '}',
    '}',
  ].join('\n');

  it('stores a failure that returns at once on the function, and describes it once per kind', () => {
    const { code, rewritten } = withLazyErrors(`${required}\n${required.replace(/validate1/g, 'validate2')}`);
    expect(rewritten).toBe(true);
    expect(code).toContain('return fail(validate1, describe0, instancePath, missing0);');
    expect(code).toContain('return fail(validate2, describe0, instancePath, missing0);');
    expect(code).toContain(
      'const describe0 = (instancePath, a) => ({instancePath,keyword:"required",params:{missingProperty: a},message:"must have required property \'"+a+"\'"});',
    );
    expect(code).not.toContain('describe1');
  });

  it('keeps a collected error (anyOf, oneOf) as a Failure, and hands over a called validator’s failures', () => {
    const collected = withLazyErrors(
      [
        'const err0 = {instancePath:instancePath+"/status",schemaPath:"#/oneOf/0/const",keyword:"const",params:{allowedValue: "created"},message:"must be equal to constant"};',
        'vErrors = vErrors === null ? validate26.errors : vErrors.concat(validate26.errors);',
      ].join('\n'),
    ).code;
    expect(collected).toContain('const err0 = new Failure(describe0, instancePath+"/status");');
    expect(collected).toContain('vErrors = vErrors === null ? failures(validate26) : vErrors.concat(failures(validate26));');
  });

  it('reads numbers as numbers, not as names', () => {
    const { code } = withLazyErrors(
      'validate1.errors = [{instancePath,schemaPath:"#/maximum",keyword:"maximum",params:{comparison: "<=", limit: 1e+21},message:"must be <= 1e+21"}];\nreturn false;',
    );
    expect(code).toContain('return fail(validate1, describe0, instancePath);');
    expect(code).toContain(
      'const describe0 = (instancePath) => ({instancePath,keyword:"maximum",params:{comparison: "<=", limit: 1e+21},message:"must be <= 1e+21"});',
    );
  });

  it('leaves any other object as Ajv wrote it', () => {
    const other = 'validate1.errors = [{instancePath,schemaPath:"#/x",keyword:"x",params:{},message:a ? "b" : "c"}];\nreturn false;';
    expect(withLazyErrors(other)).toEqual({ code: other, rewritten: false });
    const call = 'if(!(validate30(data, {instancePath,parentData,parentDataProperty,rootData}))){';
    expect(withLazyErrors(call).code).toBe(call);
  });
});

describe('withUsedSchemaValues', () => {
  it('drops the schemas nothing reads and keeps only the values read from the others', () => {
    const code = [
      'const schema1 = {"title":"A","description":"unused","type":"string"};',
      'const schema2 = {"title":"B","description":"d","enum":[1,2],"properties":{"v":{"type":["number","string"],"description":"d"}}};',
      'const describe0 = (instancePath) => ({params:{allowedValues: schema2.enum, type: schema2.properties.v.type}});',
      '',
    ].join('\n');
    expect(withUsedSchemaValues(code)).toBe(
      [
        'const schema2 = {"enum":[1,2],"properties":{"v":{"type":["number","string"]}}};',
        'const describe0 = (instancePath) => ({params:{allowedValues: schema2.enum, type: schema2.properties.v.type}});',
        '',
      ].join('\n'),
    );
  });
});

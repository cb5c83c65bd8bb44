import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ACTION_OF_UNKNOWN_CODE, type ContractModel, type GeneratedFile, type ResponseCode } from '@iotv1/generator-kit';
import {
  BANNER,
  compile,
  evaluateInNode,
  fixtureModels,
  HOSTILE,
  itFollowsTheOutputRules,
  once,
  packageWithGenerated,
  REGISTRY_CASES,
} from '@iotv1/generator-testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registryGenerator } from '../src/index.js';

/**
 * The registry generator's output, compiled with the hand-written half of @iotv1/registry (`index.ts`, `lookups.ts`)
 * by that package's own tsconfig, then imported from plain Node: what the package's users get, from each fixture.
 */

const CASES = REGISTRY_CASES;

const OUT = registryGenerator.outDir;
const modelOf = fixtureModels(CASES);
const temp = mkdtempSync(join(tmpdir(), 'iotv1-registry-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** Numbers no registry defines: unknown codes of each class, and numbers outside the code space. */
const NEVER_SEEN: readonly [code: number, category: string | null][] = [
  [2999, 'Success'],
  [4777, 'Client Error'],
  [5998, 'Server Error'],
  [1000, null],
  [9001, null],
  [0, null],
  [-4029, null],
  [4029.5, null],
];

/** What a consumer of the package may write, type-checked with it: each code's entry keeps its literal types. */
function consumer(model: ContractModel): string {
  const literal = (value: unknown): string => JSON.stringify(value);
  const checks = model.registry.flatMap((e) => [
    `lookupCode(${e.code}).errorType satisfies ${literal(e.errorType)};`,
    `lookupCode(${e.code}).httpStatus satisfies ${e.httpStatus};`,
    `lookupCode(${e.code}).retryable satisfies ${e.retryable};`,
    `lookupCode(${e.code}).retired satisfies ${e.retired === null ? 'null' : '{ readonly reason: string }'};`,
    `ResponseCodes.${e.constantName} satisfies ${e.code};`,
    ...(e.errorType === null ? [] : [`codeForErrorType(${literal(e.errorType)}) satisfies ResponseCode | undefined;`]),
  ]);
  return [
    "import { codeForErrorType, type ErrorType, lookupCode, type ResponseCode, ResponseCodes } from './index.js';",
    '',
    ...checks,
    '// @ts-expect-error: a number that is not a known code may have no entry',
    'lookupCode(4777 as number).code;',
    `export const errorTypes: readonly ErrorType[] = ${literal(model.registry.flatMap((e) => (e.errorType === null ? [] : [e.errorType])))};`,
    '// @ts-expect-error: not an error type of the registry',
    "export const notAnErrorType: ErrorType = 'no_such_error_type';",
    '',
  ].join('\n');
}

/** RESPONSE_CODES as the model says it must be. */
const entryOf = (e: ResponseCode) => ({
  code: e.code,
  message: e.message,
  meaning: e.meaning,
  category: e.category,
  errorType: e.errorType,
  httpStatus: e.httpStatus,
  retryable: e.retryable,
  action: e.action,
  since: e.since,
  httpFallback: e.httpFallback,
  retired: e.retired,
});

describe.each(CASES)('registry generator, %s', (name, { want }) => {
  let model: ContractModel;
  let files: GeneratedFile[];
  beforeAll(async () => {
    model = modelOf(name);
    files = await registryGenerator.generate(model);
  });

  it('is given the fixture it expects', () => {
    expect(model.registry.map((e) => e.code)).toEqual(want.codes);
    expect(model.registry.filter((e) => e.retired !== null).map((e) => e.code)).toEqual(want.retired);
    expect(model.registry.some((e) => e.meaning.includes(HOSTILE))).toBe(want.hostile);
  });

  it('writes the contract stamp and the registry', () => {
    expect(files.map((f) => f.path)).toEqual([`${OUT}/contract.ts`, `${OUT}/registry.ts`]);
  });

  itFollowsTheOutputRules(
    registryGenerator,
    () => model,
    () => files,
    () => BANNER.ts(registryGenerator.name),
  );

  describe('compiled with packages/registry/src by its tsconfig.build.json', () => {
    let pkg: string;
    let diagnostics: string;
    beforeAll(() => {
      const root = join(temp, name.replace(/\W+/g, '-'));
      pkg = packageWithGenerated(root, 'registry', [...files, { path: 'packages/registry/src/consumer.ts', content: consumer(model) }]);
      diagnostics = compile(join(pkg, 'tsconfig.build.json'));
    });

    /** What the tests below ask of the compiled package, imported once from plain Node. */
    const inNode = once(() =>
      evaluateInNode<{
        gen: Record<string, unknown>;
        contract: unknown;
        answers: { known: unknown[]; byErrorType: unknown[]; byStatus: unknown[]; unknown: { known: boolean; category: string | null }[] };
      }>(
        { gen: join(pkg, 'dist/gen/registry.js'), m: join(pkg, 'dist/index.js') },
        {
          gen: '{ ...gen, exports: Object.keys(gen).sort() }',
          contract: 'm.CONTRACT',
          answers: `{ known: ${JSON.stringify(model.registry.map((e) => e.code))}.map((c) => (m.classify(c).known && m.lookupCode(c).code === c ? m.httpStatusOf(c) : null)),
            byErrorType: ${JSON.stringify(model.registry.map((e) => e.errorType ?? ''))}.map((t) => m.codeForErrorType(t) ?? null),
            byStatus: ${JSON.stringify(model.registry.map((e) => e.httpStatus))}.map((s) => m.codeForHttpStatus(s) ?? null),
            unknown: ${JSON.stringify(NEVER_SEEN.map(([code]) => code))}.map((c) => m.classify(c)) }`,
        },
      ),
    );

    it('type-checks clean, a consumer keeping each entry’s literal types', () => {
      expect(diagnostics).toBe('');
    });

    it('exports RESPONSE_CODES equal to the model’s registry, text and all, and nothing else from gen', () => {
      const gen = inNode().gen();
      expect(gen.exports).toEqual(['ACK_STATUSES', 'ACTION_OF_UNKNOWN_CODE', 'CATEGORY_OF_CLASS', 'FEED_DATA_STATUSES', 'RESPONSE_CODES', 'ResponseCodes']);
      expect(gen.RESPONSE_CODES).toEqual(model.registry.map(entryOf));
      expect(gen.ResponseCodes).toEqual(Object.fromEntries(model.registry.map((e) => [e.constantName, e.code])));
      expect(gen.FEED_DATA_STATUSES).toEqual(model.feedDataStatuses.map((s) => s.value));
      expect(gen.ACK_STATUSES).toEqual(model.ackStatuses.map((s) => s.value));
      expect(gen.CATEGORY_OF_CLASS).toEqual({ 2: 'Success', 4: 'Client Error', 5: 'Server Error' });
      expect(gen.ACTION_OF_UNKNOWN_CODE).toEqual(ACTION_OF_UNKNOWN_CODE);
    });

    it('stamps the contract it was generated from', () => {
      expect(inNode().contract()).toEqual({
        specVersion: model.version,
        contentHash: model.contentHash,
        generator: `${registryGenerator.name}@${registryGenerator.version}`,
      });
    });

    it('looks up every code, and classifies a number it has never seen by its class, without throwing', () => {
      const answers = inNode().answers();
      expect(answers.known).toEqual(model.registry.map((e) => e.httpStatus));
      expect(answers.byErrorType).toEqual(model.registry.map((e) => (e.errorType === null ? null : e.code)));
      expect(answers.byStatus).toEqual(model.registry.map((e) => model.registry.find((f) => f.httpFallback && f.httpStatus === e.httpStatus)?.code ?? null));
      expect(answers.unknown.map((c) => [c.known, c.category])).toEqual(NEVER_SEEN.map(([, category]) => [false, category]));
    });
  });
});

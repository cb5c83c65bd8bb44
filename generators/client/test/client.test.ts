import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { ContractModel, GeneratedFile } from '@iotv1/generator-kit';
import {
  BANNER,
  type Case,
  compile,
  copyPackage,
  evaluateInNode,
  FIXTURES,
  fixtureModels,
  HOSTILE,
  itFollowsTheOutputRules,
  once,
  packageWithGenerated,
  REPO_ROOT,
  withoutComments,
} from '@iotv1/generator-testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientGenerator } from '../src/index.js';

/**
 * The client generator's output, compiled with the hand-written half of @iotv1/client (transport, retries, result
 * model, MQTT device) by that package's own tsconfigs, for Node and for browsers, then imported from plain Node.
 * `@iotv1/registry` resolves as it does for a user: through node_modules, to the registry package (its committed
 * sources, compiled in the temporary directory, so this suite does not wait for, or race with, its build).
 */

interface Want {
  readonly operations: readonly string[];
  /** MQTT messages: name and topic. */
  readonly topics: Readonly<Record<string, string>>;
  readonly publishers: readonly string[];
  /** Whether the operation's and the messages' text carries HOSTILE. */
  readonly hostile: boolean;
}

const TOPICS = { feedData: 'iot/v1/devices/{deviceId}/feed-data', feedDataAck: 'iot/v1/devices/{deviceId}/ack' };
const CASES: Case<Want>[] = [
  ['the base fixture', { given: FIXTURES.base, want: { operations: ['submitFeedData'], topics: TOPICS, publishers: ['publishFeedData'], hostile: false } }],
  [
    'a code added, a code retired, hostile text',
    { given: FIXTURES.edited, want: { operations: ['submitFeedData'], topics: TOPICS, publishers: ['publishFeedData'], hostile: true } },
  ],
];

const OUT = clientGenerator.outDir;
const modelOf = fixtureModels(CASES);
const temp = mkdtempSync(join(tmpdir(), 'iotv1-client-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/**
 * The declarations of the libraries are the package's own typecheck's business (skipLibCheck: false there); here
 * they cost seconds per compile and say nothing about generated code.
 */
const OPTIONS = { skipLibCheck: true };

/** The registry package the client imports, compiled once for the file. */
let registryPackage: string;
beforeAll(() => {
  registryPackage = copyPackage(join(temp, 'registry'), 'registry', true);
  const diagnostics = compile(join(registryPackage, 'tsconfig.build.json'), OPTIONS);
  if (diagnostics !== '') throw new Error(`packages/registry does not compile:\n${diagnostics}`);
});

/** node_modules of the copied client: its registry, and the workspace's mqtt and Node types. */
function linkDependencies(pkg: string): void {
  const link = (name: string, target: string): void => {
    const path = join(pkg, 'node_modules', name);
    mkdirSync(dirname(path), { recursive: true });
    symlinkSync(target, path, 'dir');
  };
  link('@iotv1/registry', registryPackage);
  for (const name of ['mqtt', '@types/node']) link(name, realpathSync(join(REPO_ROOT, 'packages/client/node_modules', name)));
}

/** Pieces of HOSTILE that only a broken comment would leave in the code. */
const HOSTILE_MARKERS = ['日本', '#define OK 0', 'trigraph'];

describe.each(CASES)('client generator, %s', (name, { want }) => {
  let model: ContractModel;
  let files: GeneratedFile[];
  beforeAll(async () => {
    model = modelOf(name);
    files = await clientGenerator.generate(model);
  });

  it('is given the fixture it expects', () => {
    expect(model.operations.map((o) => o.operationId)).toEqual(want.operations);
    expect(Object.fromEntries(model.messages.map((m) => [m.name, m.address]))).toEqual(want.topics);
    expect(model.operations.some((o) => o.summary.includes(HOSTILE))).toBe(want.hostile);
  });

  it('writes the contract stamp, the types of both transports and a function per operation and message', () => {
    expect(files.map((f) => f.path)).toEqual([`${OUT}/contract.ts`, `${OUT}/paths.ts`, `${OUT}/mqtt-types.ts`, `${OUT}/operations.ts`, `${OUT}/mqtt.ts`]);
  });

  itFollowsTheOutputRules(
    clientGenerator,
    () => model,
    () => files,
    () => BANNER.ts(clientGenerator.name),
  );

  it('keeps the spec’s text inside comments', () => {
    const all = files.map((f) => f.content).join('\n');
    for (const marker of HOSTILE_MARKERS) expect(all.includes(marker), marker).toBe(want.hostile);
    for (const file of files) {
      const code = withoutComments(file.path, file.content);
      for (const marker of HOSTILE_MARKERS) expect(code.includes(marker), `${file.path}: ${marker} outside a comment`).toBe(false);
    }
  });

  describe('compiled with packages/client/src by its tsconfigs', () => {
    let pkg: string;
    beforeAll(() => {
      pkg = packageWithGenerated(join(temp, name.replace(/\W+/g, '-')), 'client', files);
      linkDependencies(pkg);
    });

    it('type-checks clean for browsers (tsconfig.browser.json: DOM, no Node types)', () => {
      expect(compile(join(pkg, 'tsconfig.browser.json'), OPTIONS)).toBe('');
    });

    it('type-checks clean and emits for Node (tsconfig.build.json)', () => {
      expect(compile(join(pkg, 'tsconfig.build.json'), OPTIONS)).toBe('');
    });

    /** The kind of each export of both entries and their constants, imported once from plain Node. */
    const inNode = once(() =>
      evaluateInNode<{ index: Record<string, string>; contract: unknown; mqtt: Record<string, string>; topics: unknown }>(
        { index: join(pkg, 'dist/index.js'), mqtt: join(pkg, 'dist/mqtt.js') },
        {
          index: 'Object.fromEntries(Object.entries(index).map(([k, v]) => [k, typeof v]))',
          contract: 'index.CONTRACT',
          mqtt: 'Object.fromEntries(Object.entries(mqtt).map(([k, v]) => [k, typeof v]))',
          topics: 'mqtt.TOPICS',
        },
      ),
    );

    it('exports a function per operation and the contract stamp, from plain Node', () => {
      const kinds = inNode().index();
      for (const operation of want.operations) expect(kinds[operation], operation).toBe('function');
      expect(inNode().contract()).toEqual({
        specVersion: model.version,
        contentHash: model.contentHash,
        generator: `${clientGenerator.name}@${clientGenerator.version}`,
      });
    });

    it('exports each message’s topic and a publish function per message the device sends, from plain Node', () => {
      expect(inNode().topics()).toEqual(want.topics);
      const kinds = inNode().mqtt();
      for (const publisher of [...want.publishers, 'connectDevice']) expect(kinds[publisher], publisher).toBe('function');
    });
  });
});

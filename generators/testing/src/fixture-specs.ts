import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadContract } from '@iotv1/generator-core';
import { ContractError, type ContractModel, formatDiagnostic, type GeneratedFile, type Generator } from '@iotv1/generator-kit';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';

/* The fixture specs a generator's suite runs on, and the rules every generator's output follows whatever the spec. */

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const FIXTURE_SPECS = join(REPO_ROOT, 'test/fixtures/specs');
const REGISTRY = 'schemas/response-code.schema.json';

/**
 * Text that tries to break out of every target's comments and literals: C and JSDoc comments, C, TS and YAML
 * strings, template literals, C trigraphs and the preprocessor, line breaks (JavaScript's too), non-ASCII.
 */
export const HOSTILE =
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template literal's placeholder is part of the hostile text
  'ends */ a comment, opens /* one, "double" \'single\' `tick` ${x} \\ backslash ??/ trigraph ??= \r\n new line \u2028 é ü 日本 😀 #define OK 0';

/** A spec to generate from: a directory of test/fixtures/specs, used in place (read-only), or a copy of it with edits. */
export interface FixtureSpec {
  readonly from: string;
  readonly edits?: readonly SpecEdit[];
}

/** Changes a copy of a fixture spec, in place. */
export type SpecEdit = (specDir: string) => void;

interface Registry {
  oneOf: Record<string, unknown>[];
}

function editJson<T>(specDir: string, file: string, edit: (data: T) => void): void {
  const path = join(specDir, file);
  const data = JSON.parse(readFileSync(path, 'utf8')) as T;
  edit(data);
  writeFileSync(path, `${JSON.stringify(data, null, 2)}\n`);
}

/** Replaces `from`, which must be there, in a YAML file of the spec. */
function editText(specDir: string, file: string, from: string, to: string): void {
  const path = join(specDir, file);
  const text = readFileSync(path, 'utf8');
  if (!text.includes(from)) throw new Error(`fixture edit: ${file} has no ${JSON.stringify(from)}`);
  writeFileSync(path, text.replace(from, to));
}

/** A YAML double-quoted scalar (a JSON string is one; YAML would take U+2028 for a line break). */
const yamlString = (text: string): string => JSON.stringify(text).replace(/[\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`);

/** Adds an entry to the registry, as the add-a-code workflow does (entries need not be in order). */
export const addCode =
  (entry: Record<string, unknown>): SpecEdit =>
  (specDir) =>
    editJson<Registry>(specDir, REGISTRY, (registry) => {
      registry.oneOf.push(entry);
    });

/** A code added after the seed registry. */
export const QUOTA_EXCEEDED = {
  $anchor: 'code-4031',
  const: 4031,
  title: 'Quota Exceeded',
  description: 'The device has used up its quota for the period',
  'x-category': 'Client Error',
  'x-error-type': 'quota_exceeded',
  'x-http-status': 403,
  'x-retryable': false,
  'x-since': '1.0.0',
};

/** A retired code: a tombstone that keeps its number from being reused. */
export const LEGACY_TOKEN = {
  $anchor: 'code-4010',
  const: 4010,
  title: 'Legacy Token',
  description: 'The device used a legacy token',
  'x-category': 'Client Error',
  'x-error-type': 'legacy_token',
  'x-http-status': 401,
  'x-retryable': false,
  'x-since': '1.0.0',
  deprecated: true,
  'x-retired-reason': 'Legacy tokens were replaced by signed tokens',
};

/**
 * HOSTILE appended to every free text the targets copy: registry messages (of error codes: a success code's message
 * names its constant) and meanings, retirement reasons, the operation's summary and description, the MQTT channel's
 * description and message's summary, and schema descriptions.
 */
export const hostileText: SpecEdit = (specDir) => {
  editJson<Registry>(specDir, REGISTRY, (registry) => {
    for (const entry of registry.oneOf) {
      if (entry['x-error-type'] !== undefined) entry.title = `${String(entry.title)} ${HOSTILE}`;
      entry.description = `${String(entry.description)} ${HOSTILE}`;
      if (entry['x-retired-reason'] !== undefined) entry['x-retired-reason'] = `${String(entry['x-retired-reason'])} ${HOSTILE}`;
    }
  });
  editJson<{ description: string; $defs: { Reading: { properties: { unit: Record<string, unknown> } } } }>(
    specDir,
    'schemas/feed-data-submission.schema.json',
    (schema) => {
      schema.description = `${schema.description} ${HOSTILE}`;
      schema.$defs.Reading.properties.unit.description = HOSTILE;
    },
  );
  editText(
    specDir,
    'openapi.yaml',
    'summary: Submit feed data',
    `summary: ${yamlString(`Submit feed data ${HOSTILE}`)}\n      description: ${yamlString(HOSTILE)}`,
  );
  editText(
    specDir,
    'asyncapi.yaml',
    "address: 'iot/v1/devices/{deviceId}/feed-data'",
    `address: 'iot/v1/devices/{deviceId}/feed-data'\n    description: ${yamlString(`Feed data ${HOSTILE}`)}`,
  );
  editText(specDir, 'asyncapi.yaml', 'name: FeedData\n', `name: FeedData\n      summary: ${yamlString(`Readings ${HOSTILE}`)}\n`);
};

/** The fixtures every suite runs: the base spec as committed, and a copy with a code added, one retired and hostile text. */
export const FIXTURES = {
  base: { from: 'base' },
  edited: { from: 'base', edits: [addCode(QUOTA_EXCEEDED), addCode(LEGACY_TOKEN), hostileText] },
} as const satisfies Record<string, FixtureSpec>;

/** A table case: a name, the fixture it is given, and what it wants. */
export type Case<Want> = [name: string, { readonly given: FixtureSpec; readonly want: Want }];

/** What a fixture's registry holds, for the suites of the targets that emit the registry. */
export interface RegistryWant {
  /** The registry's codes, sorted. */
  readonly codes: readonly number[];
  readonly retired: readonly number[];
  /** Whether the registry's text carries HOSTILE. */
  readonly hostile: boolean;
}

export const REGISTRY_CASES: Case<RegistryWant>[] = [
  ['the base fixture', { given: FIXTURES.base, want: { codes: [2000, 4000, 4029, 5003], retired: [], hostile: false } }],
  [
    'a code added, a code retired, hostile text',
    { given: FIXTURES.edited, want: { codes: [2000, 4000, 4010, 4029, 4031, 5003], retired: [4010], hostile: true } },
  ],
];

/**
 * Loads each case's fixture once for the test file (in `beforeAll`), edited copies in a temporary directory that is
 * removed afterwards. Returns the model of a case by name.
 */
export function fixtureModels(cases: readonly Case<unknown>[]): (name: string) => ContractModel {
  const models = new Map<string, ContractModel>();
  let temp: string | undefined;
  beforeAll(async () => {
    temp = mkdtempSync(join(tmpdir(), 'iotv1-fixture-'));
    for (const [name, { given }] of cases) {
      let specDir = join(FIXTURE_SPECS, given.from);
      if (given.edits !== undefined) {
        const copy = join(temp, `spec-${models.size}`);
        cpSync(specDir, copy, { recursive: true });
        for (const edit of given.edits) edit(copy);
        specDir = copy;
      }
      models.set(name, await loadFixture(name, specDir));
    }
  });
  afterAll(() => {
    if (temp !== undefined) rmSync(temp, { recursive: true, force: true });
  });
  return (name) => {
    const model = models.get(name);
    if (model === undefined) throw new Error(`no model for ${name}: fixtureModels loads them in beforeAll`);
    return model;
  };
}

/** The model of a fixture; a fixture the core refuses fails with the core's diagnostics. */
async function loadFixture(name: string, specDir: string): Promise<ContractModel> {
  try {
    return await loadContract(specDir);
  } catch (error) {
    if (!(error instanceof ContractError)) throw error;
    throw new Error(`fixture "${name}" is not a valid spec:\n${error.diagnostics.map(formatDiagnostic).join('\n')}`);
  }
}

/** The comment each generated file starts with (generator-core's `banner`), written out here in each syntax. */
export const BANNER = {
  ts: (generator: string): string => `/**\n * Generated by ${generator} from spec/.\n * Do not edit by hand: change spec/ and run \`pnpm generate\`.\n */\n`,
  c: (generator: string): string => `/*\n * Generated by ${generator} from spec/.\n * Do not edit by hand: change spec/ and run \`pnpm generate\`.\n */\n`,
  hash: (generator: string): string => `# Generated by ${generator} from spec/.\n# Do not edit by hand: change spec/ and run \`pnpm generate\`.\n`,
};

/** A system time no generated file may show. */
const ANOTHER_TIME = new Date('2001-02-03T04:05:06.789Z');

/** Runs a generator with the clock set elsewhere. */
async function generateAt(time: Date, generator: Generator, model: ContractModel): Promise<GeneratedFile[]> {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(time);
  try {
    return await generator.generate(model);
  } finally {
    vi.useRealTimers();
  }
}

/**
 * The tests of the rules every generator's output follows, for one case: every file under the generator's outDir,
 * each once, starting with its banner (`banner(path)`, `null` for JSON, which has no comments); no absolute path;
 * the same bytes from a second run at another time (no timestamps, nothing left to chance).
 */
export function itFollowsTheOutputRules(
  generator: Generator,
  model: () => ContractModel,
  files: () => readonly GeneratedFile[],
  banner: (path: string) => string | null,
): void {
  it("writes only under the generator's outDir, each file once, relative with forward slashes", () => {
    const paths = files().map((file) => file.path);
    expect(paths.length).toBeGreaterThan(0);
    expect(new Set(paths).size).toBe(paths.length);
    for (const path of paths) {
      expect(path.startsWith(`${generator.outDir}/`), path).toBe(true);
      expect(path.split('/'), path).not.toContain('..');
      expect(path, path).not.toMatch(/\\|\/\/|\/$/);
    }
  });

  it('starts every file with the banner that names the generator', () => {
    for (const file of files()) {
      const expected = banner(file.path);
      if (expected === null) continue;
      expect(file.content.startsWith(expected), `${file.path} starts with:\n${file.content.slice(0, 200)}`).toBe(true);
    }
  });

  it('names no absolute path of the machine it ran on', () => {
    const machine = [REPO_ROOT.replace(/\/$/, ''), tmpdir(), homedir(), 'file:/'].filter((path) => path.length > 1);
    for (const file of files()) for (const path of machine) expect(file.content.includes(path), `${file.path} contains ${path}`).toBe(false);
  });

  it('writes the same bytes again at another time: deterministic, no timestamps', async () => {
    const again = await generateAt(ANOTHER_TIME, generator, model());
    expect(again).toEqual(files());
    const stamps = [ANOTHER_TIME.toISOString().slice(0, 10), String(ANOTHER_TIME.getTime()).slice(0, 9), ANOTHER_TIME.toUTCString().slice(5, 16)];
    for (const file of again) for (const stamp of stamps) expect(file.content.includes(stamp), `${file.path} contains ${stamp}`).toBe(false);
  });
}

import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// The compat package is reached through its build output: the test package does not list it as a dependency.
import {
  compareRegistry,
  compareSpecs,
  type Direction,
  isLoaded,
  type LoadedSpec,
  loadSnapshot,
  type RegistryEntry,
  type ReportedFinding,
  registryEntriesOf,
  SchemaComparison,
  SchemaGraph,
  type SpecSnapshot,
} from '@iotv1/generator-compat';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { type CliRun, REPO_ROOT, SPEC_DIR } from './support/workspace.js';

const SCENARIOS = join(REPO_ROOT, 'test/fixtures/compat');
const BASE_SPEC = join(REPO_ROOT, 'test/fixtures/specs/base');
const CLI = join(REPO_ROOT, 'generators/cli/dist/bin.js');

/** One expected finding of `case.json`; `message` is a substring of the reported one. */
interface Expected {
  readonly id: string;
  readonly severity: string;
  readonly file: string;
  readonly pointer: string;
  readonly code?: number;
  readonly accepted?: true;
  readonly message?: string;
}

/** `test/fixtures/compat/<name>/case.json`: the base is the fixture base spec plus `base/`, the revision that plus `spec/`. */
interface Scenario {
  readonly description: string;
  readonly passes: boolean;
  readonly expect: readonly Expected[];
}

const scenarios = readdirSync(SCENARIOS)
  .sort()
  .map((name) => ({ name, dir: join(SCENARIOS, name), ...(JSON.parse(readFileSync(join(SCENARIOS, name, 'case.json'), 'utf8')) as Scenario) }));

/** A repository root holding the scenario's revised spec as `spec/` (and its CHANGELOG.md), and its base spec beside it. */
function materialise(dir: string): { root: string; base: string; current: string } {
  const root = mkdtempSync(join(tmpdir(), 'iotv1-compat-test-'));
  const base = join(root, 'base', 'spec');
  const current = join(root, 'spec');
  cpSync(BASE_SPEC, base, { recursive: true });
  if (existsSync(join(dir, 'base'))) cpSync(join(dir, 'base'), base, { recursive: true });
  cpSync(base, current, { recursive: true });
  if (existsSync(join(dir, 'spec'))) cpSync(join(dir, 'spec'), current, { recursive: true });
  if (existsSync(join(dir, 'CHANGELOG.md'))) cpSync(join(dir, 'CHANGELOG.md'), join(root, 'CHANGELOG.md'));
  return { root, base, current };
}

/** The part of a finding a scenario pins down. */
function comparable(f: ReportedFinding | Expected): Omit<Expected, 'message'> {
  return {
    id: f.id,
    severity: f.severity,
    file: f.file,
    pointer: f.pointer,
    ...(f.code !== undefined && { code: f.code }),
    ...(f.accepted !== undefined && { accepted: true as const }),
  };
}

function byPlace<T extends Omit<Expected, 'message'>>(list: readonly T[]): T[] {
  const key = (f: T): string => `${f.file}#${f.pointer} ${f.code ?? ''} ${f.id}`;
  return [...list].sort((a, b) => key(a).localeCompare(key(b)));
}

async function loaded(specDir: string): Promise<LoadedSpec> {
  const snapshot = await loadSnapshot(specDir);
  if (!isLoaded(snapshot)) throw new Error(`${specDir} does not load:\n${snapshot.problems.map((p) => `${p.file}#${p.pointer} ${p.message}`).join('\n')}`);
  return snapshot;
}

function runCheck(root: string, ...flags: string[]): CliRun {
  const run = spawnSync(process.execPath, [CLI, 'check', '--root', root, ...flags], { encoding: 'utf8' });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('compatibility scenarios', () => {
  let defaultBase: SpecSnapshot;
  beforeAll(async () => {
    defaultBase = await loaded(BASE_SPEC);
  });

  it('has at least 30 scenarios', () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(30);
  });

  it.each(scenarios)('$name', async ({ dir, passes, expect: expected }) => {
    const { root, base, current } = materialise(dir);
    onTestFinished(() => rmSync(root, { recursive: true, force: true }));
    const changelog = existsSync(join(root, 'CHANGELOG.md')) ? readFileSync(join(root, 'CHANGELOG.md'), 'utf8') : '';
    const baseSnapshot = existsSync(join(dir, 'base')) ? await loadSnapshot(base) : defaultBase;

    const report = compareSpecs(baseSnapshot, await loaded(current), changelog);

    expect(byPlace(report.findings.map(comparable))).toEqual(byPlace(expected.map(comparable)));
    expect(report.failed).toBe(!passes);
    for (const want of expected.filter((e) => e.message !== undefined)) {
      const got = report.findings.find((f) => f.id === want.id && f.pointer === want.pointer);
      expect(got?.message).toContain(want.message);
    }
  });
});

describe('comparing a spec with itself', () => {
  it.each([
    ['the fixture base spec', BASE_SPEC],
    ["the repository's spec", SPEC_DIR],
  ])('%s gives no findings', async (_name, specDir) => {
    const snapshot = await loaded(specDir);
    expect(compareSpecs(snapshot, snapshot, '').findings).toEqual([]);
  });
});

describe('registry rules (property-based)', () => {
  const FIXED = [
    ['title', 'registry/message-changed'],
    ['description', 'registry/meaning-changed'],
    ['x-category', 'registry/category-changed'],
    ['x-error-type', 'registry/error-type-changed'],
    ['x-http-status', 'registry/http-status-changed'],
    ['x-retryable', 'registry/retryable-changed'],
  ] as const;
  const text = fc.string({ minLength: 1, maxLength: 24 }).filter((s) => s.trim() !== '');
  const registry = fc
    .uniqueArray(fc.integer({ min: 2000, max: 5999 }), { minLength: 1, maxLength: 12 })
    .chain((codes) =>
      fc.tuple(
        ...codes.map((code) =>
          fc.record({
            const: fc.constant(code),
            title: text,
            description: text,
            'x-category': fc.constantFrom('Success', 'Client Error', 'Server Error'),
            'x-error-type': fc.stringMatching(/^[a-z][a-z_]{0,12}$/),
            'x-http-status': fc.integer({ min: 200, max: 599 }),
            'x-retryable': fc.boolean(),
            'x-since': fc.constant('1.0.0'),
          }),
        ),
      ),
    )
    .map((oneOf) => registryEntriesOf({ oneOf }));
  const versions = { base: '1.0.0', current: '1.0.0' };
  const entriesOf = (entries: readonly RegistryEntry[]): RegistryEntry[] => registryEntriesOf({ oneOf: entries.map((e) => e.fields) });

  it('comparing a registry with itself, in any order, gives no findings', () => {
    fc.assert(
      fc.property(
        registry.chain((entries) => fc.tuple(fc.constant(entries), fc.shuffledSubarray(entries, { minLength: entries.length }))),
        ([entries, reordered]) => {
          expect(compareRegistry(entries, entriesOf(reordered), versions)).toEqual([]);
        },
      ),
    );
  });

  it('changing one fixed field of one code gives exactly one breaking finding for that code and field', () => {
    fc.assert(
      fc.property(registry, fc.nat(), fc.constantFrom(...FIXED), (entries, pick, [key, id]) => {
        const target = entries[pick % entries.length]!;
        const value = target.fields[key];
        const changed = typeof value === 'boolean' ? !value : typeof value === 'number' ? value + 1 : `${String(value)} (changed)`;
        const revised = entriesOf(entries.map((e) => (e === target ? { ...e, fields: { ...e.fields, [key]: changed } } : e)));
        const findings = compareRegistry(entries, revised, versions);
        expect(findings.map((f) => [f.id, f.severity, f.code])).toEqual([[id, 'breaking', target.code]]);
      }),
    );
  });

  it('whitespace around and inside a message or meaning is no change', () => {
    fc.assert(
      fc.property(registry, fc.constantFrom(' ', '  ', '\n', '\t '), (entries, space) => {
        const spaced = entries.map((e) => ({
          ...e,
          fields: { ...e.fields, title: `${space}${String(e.fields.title).replace(/ /g, space)}`, description: `${String(e.fields.description)}${space}` },
        }));
        expect(compareRegistry(entries, entriesOf(spaced), versions)).toEqual([]);
      }),
    );
  });
});

describe('schema rules (property-based)', () => {
  const ID = 'https://schemas.example/test/payload.schema.json';
  const graphOf = (schema: Record<string, unknown>): SchemaGraph =>
    new SchemaGraph({
      schemas: [{ id: ID, file: 'schemas/payload.schema.json', schema: { $id: ID, ...schema } }],
      schemaIds: { errorResponse: '', feedDataAck: '', responseCode: '' },
    });
  const compare = (before: Record<string, unknown>, after: Record<string, unknown>, direction: Direction) => {
    const [base, current] = [graphOf(before), graphOf(after)];
    const comparison = new SchemaComparison(base, current);
    comparison.compare(base.byId(ID)!, current.byId(ID)!, direction);
    return comparison.findings;
  };
  const { schema } = fc.letrec<{ schema: Record<string, unknown> }>((tie) => ({
    schema: fc.oneof(
      { depthSize: 'small' },
      fc.record(
        {
          type: fc.constantFrom('string', 'integer', 'number', 'boolean', ['string', 'null']),
          minLength: fc.nat(10),
          maxLength: fc.nat(100),
          pattern: fc.constantFrom('^a', '^[0-9]+$'),
          format: fc.constantFrom('date-time', 'date', 'uuid'),
          enum: fc.uniqueArray(fc.string({ maxLength: 6 }), { minLength: 1, maxLength: 4 }),
        },
        { requiredKeys: [] },
      ),
      fc.record(
        {
          type: fc.constant('object'),
          properties: fc.dictionary(fc.stringMatching(/^[a-z]{1,6}$/), tie('schema'), { maxKeys: 4 }),
          required: fc.uniqueArray(fc.stringMatching(/^[a-z]{1,6}$/), { maxLength: 3 }),
          additionalProperties: fc.boolean(),
        },
        { requiredKeys: ['type'] },
      ),
      fc.record({ type: fc.constant('array'), items: tie('schema'), maxItems: fc.nat(50) }, { requiredKeys: ['type'] }),
      fc.record({ anyOf: fc.array(tie('schema'), { minLength: 1, maxLength: 3 }) }),
    ),
  }));

  it('comparing a schema with itself gives no findings, in either direction', () => {
    fc.assert(
      fc.property(schema, fc.constantFrom<Direction>('request', 'response'), (s, direction) => {
        expect(compare(s, structuredClone(s), direction)).toEqual([]);
      }),
    );
  });

  it('a request may only widen and a response only narrow: a changed limit breaks exactly one of them', () => {
    fc.assert(
      fc.property(fc.nat(1000), fc.nat(1000), (was, now) => {
        const [before, after] = [
          { type: 'string', maxLength: was },
          { type: 'string', maxLength: now },
        ];
        expect(compare(before, after, 'request').map((f) => f.id)).toEqual(now < was ? ['schema/constraint-narrowed'] : []);
        expect(compare(before, after, 'response').map((f) => f.id)).toEqual(now > was ? ['schema/constraint-widened'] : []);
      }),
    );
  });
});

describe('iotv1 check (the CLI)', () => {
  const roots: string[] = [];
  const scenario = (name: string) => {
    const made = materialise(join(SCENARIOS, name));
    roots.push(made.root);
    return made;
  };
  afterAll(() => {
    for (const root of roots) rmSync(root, { recursive: true, force: true });
  });

  it('passes with exit 0 and a text report when nothing breaks', () => {
    const { root, base } = scenario('new-code');
    const run = runCheck(root, '--against', base);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('check: spec 1.1.0 against 1.0.0 from ');
    expect(run.stdout).toMatch(/^info registry\/code-added spec\/schemas\/response-code\.schema\.json:\d+ #\/oneOf\/4 \(code 5000\)$/m);
    expect(run.stdout).toContain('check: passed (0 breaking, 0 accepted, 0 warnings, 1 info).');
  });

  it('fails with exit 1 on a breaking change and prints the key to accept it by', () => {
    const { root, base } = scenario('seed-second-meaning');
    const run = runCheck(root, '--against', base);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('breaking registry/meaning-changed spec/schemas/response-code.schema.json:');
    expect(run.stdout).toContain('key: registry/meaning-changed@code-5003');
    expect(run.stdout).toContain('check: failed (1 breaking');
  });

  it('--format json prints one JSON document with files relative to the root and lines', () => {
    const { root, base } = scenario('seed-second-meaning');
    const run = runCheck(root, '--against', base, '--format', 'json');
    expect(run.status).toBe(1);
    const report = JSON.parse(run.stdout) as { passed: boolean; summary: Record<string, number>; findings: (ReportedFinding & { line: number })[] };
    expect(report.passed).toBe(false);
    expect(report.summary).toEqual({ breaking: 1, accepted: 0, warning: 0, info: 0 });
    const [finding] = report.findings;
    expect(finding).toMatchObject({
      id: 'registry/meaning-changed',
      file: 'spec/schemas/response-code.schema.json',
      pointer: '/oneOf/3/description',
      code: 5003,
    });
    const line = readFileSync(join(root, finding!.file), 'utf8').split('\n')[finding!.line - 1];
    expect(line).toContain('"description": "Required device service is temporarily unavailable, or');
  });

  it('--format github prints workflow commands that annotate the file and line', () => {
    const { root, base } = scenario('status-value-added');
    const run = runCheck(root, '--against', base, '--format', 'github');
    expect(run.status).toBe(0);
    const [annotation] = run.stdout.split('\n');
    expect(annotation).toMatch(
      /^::warning file=spec\/schemas\/feed-data-status\.schema\.json,line=\d+,title=schema\/enum-value-added::FeedDataStatus has a new value "queued"/,
    );
    const line = Number(/line=(\d+)/.exec(annotation!)![1]);
    expect(readFileSync(join(root, 'spec/schemas/feed-data-status.schema.json'), 'utf8').split('\n')[line - 1]).toContain('"queued"');

    const breaking = scenario('code-deleted');
    const failed = runCheck(breaking.root, '--against', breaking.base, '--format', 'github');
    expect(failed.status).toBe(1);
    expect(failed.stdout).toMatch(/^::error file=spec\/schemas\/response-code\.schema\.json,line=\d+,title=registry\/code-removed::Code 4000 /m);
  });

  it('refuses an acceptance until CHANGELOG.md names the finding', () => {
    const { root, base } = scenario('accepted-breaking-change');
    rmSync(join(root, 'CHANGELOG.md'));
    const refused = runCheck(root, '--against', base);
    expect(refused.status).toBe(1);
    expect(refused.stdout).toContain('acceptance/not-honoured');
    expect(refused.stdout).toContain('CHANGELOG.md must name "schema/property-removed@schemas/feed-data-ack.schema.json#/properties/error"');

    writeFileSync(join(root, 'CHANGELOG.md'), '## 2.0.0\n- Breaking: schema/property-removed@schemas/feed-data-ack.schema.json#/properties/error\n');
    const accepted = runCheck(root, '--against', base);
    expect(accepted.status, accepted.stdout).toBe(0);
    expect(accepted.stdout).toContain('breaking, accepted by firmware-leads: Devices read error.type');
    expect(accepted.stdout).toContain('check: passed (0 breaking, 1 accepted');
  });

  it('exits 1 and lists the problems when the current spec is invalid', () => {
    const { root, base } = scenario('identical');
    writeFileSync(join(root, 'spec/schemas/message-id.schema.json'), '{ "oops": ');
    const run = runCheck(root, '--against', base);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('check: the spec has');
    expect(run.stderr).toContain('spec/schemas/message-id.schema.json');
  });

  it('exits 2 on a wrong format or a base that does not exist', () => {
    const { root, base } = scenario('identical');
    expect(runCheck(root, '--against', base, '--format', 'xml').status).toBe(2);
    const missing = runCheck(root, '--against', 'no-such-ref');
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('not in a git repository');
  });
});

describe('iotv1 check against git history', () => {
  const repositories: string[] = [];
  afterAll(() => {
    for (const repository of repositories) rmSync(repository, { recursive: true, force: true });
  });
  const git = (cwd: string, ...args: string[]): string =>
    execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd, encoding: 'utf8' }).trim();
  /** A repository whose first commit is the fixture base spec (1.0.0). */
  const repositoryWithBase = (): string => {
    const root = mkdtempSync(join(tmpdir(), 'iotv1-compat-git-'));
    repositories.push(root);
    git(root, 'init', '--quiet', '--initial-branch=main');
    cpSync(BASE_SPEC, join(root, 'spec'), { recursive: true });
    git(root, 'add', '.');
    git(root, 'commit', '--quiet', '-m', 'contract 1.0.0');
    return root;
  };
  const overlay = (root: string, scenarioName: string): void => cpSync(join(SCENARIOS, scenarioName, 'spec'), join(root, 'spec'), { recursive: true });

  it('--against <ref> reads the spec tree of that revision', () => {
    const root = repositoryWithBase();
    overlay(root, 'seed-second-meaning');
    const run = runCheck(root, '--against', 'HEAD');
    expect(run.status).toBe(1);
    expect(run.stdout).toContain(`from HEAD (${git(root, 'rev-parse', '--short=7', 'HEAD')})`);
    expect(run.stdout).toContain('registry/meaning-changed');
  });

  it('by default compares with the newest contract-v* tag reachable from HEAD', () => {
    const root = repositoryWithBase();
    git(root, 'tag', 'contract-v1.0.0');
    overlay(root, 'seed-second-meaning');
    git(root, 'commit', '--quiet', '-am', 'widen 5003');
    const run = runCheck(root);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('against 1.0.0 from contract-v1.0.0 (the last release tag reachable from HEAD)');
  });

  it('without a tag, compares with the newest commit of another version, and says so', () => {
    const root = repositoryWithBase();
    const first = git(root, 'rev-parse', '--short=7', 'HEAD');
    overlay(root, 'new-code');
    git(root, 'commit', '--quiet', '-am', 'contract 1.1.0: code 5000');
    writeFileSync(join(root, 'README.md'), 'a later commit that leaves the spec alone\n');
    git(root, 'add', '.');
    git(root, 'commit', '--quiet', '-m', 'docs');
    const run = runCheck(root, '--format', 'json');
    expect(run.status, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as { base: { label: string; version: string }; findings: ReportedFinding[] };
    expect(report.base.version).toBe('1.0.0');
    expect(report.base.label).toContain(`commit ${first} (no contract-v* tag is reachable from HEAD`);
    expect(report.findings.map((f) => f.id)).toEqual(['registry/code-added']);
  });

  it('with no release and no earlier version there is nothing to compare: exit 0 with a note', () => {
    const root = repositoryWithBase();
    overlay(root, 'seed-second-meaning');
    const run = runCheck(root);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('check: nothing to compare: no contract-v* tag is reachable from HEAD and every earlier commit has version 1.0.0.\n');
  });

  it('a shallow clone that cannot see the last release fails instead of skipping the check', () => {
    const origin = repositoryWithBase();
    overlay(origin, 'new-code');
    git(origin, 'commit', '--quiet', '-am', 'contract 1.1.0');
    const clone = mkdtempSync(join(tmpdir(), 'iotv1-compat-shallow-'));
    repositories.push(clone);
    git(tmpdir(), 'clone', '--quiet', '--depth=1', `file://${origin}`, clone);
    const run = runCheck(clone);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('this clone is shallow');
  });
});

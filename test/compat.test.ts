import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BaseError,
  type CompatReport,
  check,
  compareRegistry,
  compareSpecs,
  type Direction,
  formatReport,
  type RegistryEntry,
  type ReportedFinding,
  registryEntriesOf,
  resolveBase,
  SchemaComparison,
  SchemaGraph,
} from '@iotv1/compat-check';
import fc from 'fast-check';
import { afterAll, describe, it } from 'vitest';
import {
  BASE_SPEC,
  type Expected,
  filesOf,
  loaded,
  loadOnce,
  materialise,
  removeScenarioRoots,
  runCheckCli,
  runScenario,
  SCENARIOS,
  scenarios,
} from './support/compat-scenarios.js';
import { SPEC_DIR } from './support/workspace.js';

// Every case here is independent, and most wait on core's AsyncAPI parser in a worker thread: the suites run side
// by side (so each test takes `expect` from its context). Scenarios are compared in-process, once each; the CLI is
// run as a process only where its own part is under test: arguments, exit codes, stdout and stderr.
afterAll(removeScenarioRoots);

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

describe.concurrent('compatibility scenarios', () => {
  it('has at least 30 scenarios', ({ expect }) => {
    expect(scenarios.length).toBeGreaterThanOrEqual(30);
  });

  it.for(scenarios)('$name', async ({ name, passes, expect: expected }, { expect }) => {
    const { report } = await runScenario(name);

    expect(byPlace(report.findings.map(comparable))).toEqual(byPlace(expected.map(comparable)));
    expect(report.failed).toBe(!passes);
    for (const want of expected.filter((e) => e.message !== undefined)) {
      const got = report.findings.find((f) => f.id === want.id && f.pointer === want.pointer);
      expect(got?.message).toContain(want.message);
    }
  });
});

describe.concurrent('comparing a spec with itself', () => {
  it.for([
    ['the fixture base spec', BASE_SPEC],
    ["the repository's spec", SPEC_DIR],
  ] as const)('%s gives no findings', async ([, specDir], { expect }) => {
    const snapshot = await loaded(specDir);
    expect(compareSpecs(snapshot, snapshot, '').findings).toEqual([]);
  });
});

describe.concurrent('registry rules (property-based)', () => {
  const FIXED = [
    ['title', 'registry/message-changed'],
    ['description', 'registry/meaning-changed'],
    ['x-category', 'registry/category-changed'],
    ['x-error-type', 'registry/error-type-changed'],
    ['x-http-status', 'registry/http-status-changed'],
    ['x-retryable', 'registry/retryable-changed'],
  ] as const;
  const text = fc.string({ minLength: 1, maxLength: 24 }).filter((s) => s.trim() !== '');
  // One entry arbitrary for every code, built once: an arbitrary made inside `chain` is built again on every run,
  // and building `stringMatching` compiles its expression (that alone cost 10 s over these three properties).
  const entry = fc.record({
    const: fc.integer({ min: 2000, max: 5999 }),
    title: text,
    description: text,
    'x-category': fc.constantFrom('Success', 'Client Error', 'Server Error'),
    'x-error-type': fc.stringMatching(/^[a-z][a-z_]{0,12}$/),
    'x-http-status': fc.integer({ min: 200, max: 599 }),
    'x-retryable': fc.boolean(),
    'x-since': fc.constant('1.0.0'),
  });
  const registry = fc.uniqueArray(entry, { minLength: 1, maxLength: 12, selector: (e) => e.const }).map((oneOf) => registryEntriesOf({ oneOf }));
  const versions = { base: '1.0.0', current: '1.0.0' };
  const entriesOf = (entries: readonly RegistryEntry[]): RegistryEntry[] => registryEntriesOf({ oneOf: entries.map((e) => e.fields) });

  it('comparing a registry with itself, in any order, gives no findings', ({ expect }) => {
    fc.assert(
      fc.property(
        registry.chain((entries) => fc.tuple(fc.constant(entries), fc.shuffledSubarray(entries, { minLength: entries.length }))),
        ([entries, reordered]) => {
          expect(compareRegistry(entries, entriesOf(reordered), versions)).toEqual([]);
        },
      ),
    );
  });

  it('changing one fixed field of one code gives exactly one breaking finding for that code and field', ({ expect }) => {
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

  it('whitespace around and inside a message or meaning is no change', ({ expect }) => {
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

describe.concurrent('schema rules (property-based)', () => {
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

  it('comparing a schema with itself gives no findings, in either direction', ({ expect }) => {
    fc.assert(
      fc.property(schema, fc.constantFrom<Direction>('request', 'response'), (s, direction) => {
        expect(compare(s, structuredClone(s), direction)).toEqual([]);
      }),
    );
  });

  it('a request may only widen and a response only narrow: a changed limit breaks exactly one of them', ({ expect }) => {
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

describe.concurrent('report formats', () => {
  const SUBJECT = { base: 'the fixture base', specPath: 'spec' };
  /** Line `line` (1-based) of a file under a scenario root. */
  const lineAt = (root: string, file: string, line: number): string | undefined => readFileSync(join(root, file), 'utf8').split('\n')[line - 1];

  it('text: each finding with its place and code, and a summary that passes', async ({ expect }) => {
    const { report } = await runScenario('new-code');
    const text = formatReport('text', report, SUBJECT);
    expect(text).toContain('check: spec 1.1.0 against 1.0.0 from the fixture base');
    expect(text).toMatch(/^info registry\/code-added spec\/schemas\/response-code\.schema\.json:\d+ #\/oneOf\/4 \(code 5000\)$/m);
    expect(text).toContain('check: passed (0 breaking, 0 accepted, 0 warnings, 1 info).');
  });

  it('text: a breaking finding fails and prints the key to accept it by', async ({ expect }) => {
    const { report } = await runScenario('seed-second-meaning');
    const text = formatReport('text', report, SUBJECT);
    expect(report.failed).toBe(true);
    expect(text).toContain('breaking registry/meaning-changed spec/schemas/response-code.schema.json:');
    expect(text).toContain('key: registry/meaning-changed@code-5003');
    expect(text).toContain('check: failed (1 breaking');
  });

  it('text: an acceptance is refused until CHANGELOG.md names the finding', async ({ expect }) => {
    const { baseSnapshot, currentSnapshot, report } = await runScenario('accepted-breaking-change');
    const refused = compareSpecs(baseSnapshot, currentSnapshot, '');
    expect(refused.failed).toBe(true);
    const text = formatReport('text', refused, SUBJECT);
    expect(text).toContain('acceptance/not-honoured');
    expect(text).toContain('CHANGELOG.md must name "schema/property-removed@schemas/feed-data-ack.schema.json#/properties/error"');

    const accepted = formatReport('text', report, SUBJECT);
    expect(accepted).toContain('breaking, accepted by firmware-leads: Devices read error.type');
    expect(accepted).toContain('check: passed (0 breaking, 1 accepted');
  });

  it('json: one document with files relative to the root and lines', async ({ expect }) => {
    const { root, report } = await runScenario('seed-second-meaning');
    const json = JSON.parse(formatReport('json', report, SUBJECT)) as {
      passed: boolean;
      summary: Record<string, number>;
      findings: (ReportedFinding & { line: number })[];
    };
    expect(json.passed).toBe(false);
    expect(json.summary).toEqual({ breaking: 1, accepted: 0, warning: 0, info: 0 });
    const [finding] = json.findings;
    expect(finding).toMatchObject({
      id: 'registry/meaning-changed',
      file: 'spec/schemas/response-code.schema.json',
      pointer: '/oneOf/3/description',
      code: 5003,
    });
    expect(lineAt(root, finding!.file, finding!.line)).toContain('"description": "Required device service is temporarily unavailable, or');
  });

  it('github: workflow commands that annotate the file and line', async ({ expect }) => {
    const warned = await runScenario('status-value-added');
    expect(warned.report.failed).toBe(false);
    const [annotation] = formatReport('github', warned.report, SUBJECT).split('\n');
    expect(annotation).toMatch(
      /^::warning file=spec\/schemas\/feed-data-status\.schema\.json,line=\d+,title=schema\/enum-value-added::FeedDataStatus has a new value "queued"/,
    );
    const line = Number(/line=(\d+)/.exec(annotation!)![1]);
    expect(lineAt(warned.root, 'spec/schemas/feed-data-status.schema.json', line)).toContain('"queued"');

    const broken = await runScenario('code-deleted');
    expect(broken.report.failed).toBe(true);
    expect(formatReport('github', broken.report, SUBJECT)).toMatch(
      /^::error file=spec\/schemas\/response-code\.schema\.json,line=\d+,title=registry\/code-removed::Code 4000 /m,
    );
  });
});

describe.concurrent('iotv1 check (the CLI process)', () => {
  it('exits 0 with a text report, honouring an acceptance that CHANGELOG.md at --root names', async ({ expect }) => {
    const { root, base } = materialise('accepted-breaking-change');
    writeFileSync(join(root, 'CHANGELOG.md'), '## 2.0.0\n- Breaking: schema/property-removed@schemas/feed-data-ack.schema.json#/properties/error\n');
    const run = await runCheckCli(root, '--against', base);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain(`check: spec 2.0.0 against 1.0.0 from ${base}`);
    expect(run.stdout).toContain('breaking, accepted by firmware-leads: Devices read error.type');
    expect(run.stdout).toContain('check: passed (0 breaking, 1 accepted');
  });

  it('exits 1 and lists the problems when the current spec is invalid', async ({ expect }) => {
    const { root, base } = materialise('identical');
    writeFileSync(join(root, 'spec/schemas/message-id.schema.json'), '{ "oops": ');
    const run = await runCheckCli(root, '--against', base);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('check: the spec has');
    expect(run.stderr).toContain('spec/schemas/message-id.schema.json');
  });

  it('exits 2 on a wrong format or a base that does not exist', async ({ expect }) => {
    const { root, base } = materialise('identical');
    const [wrongFormat, missing] = await Promise.all([runCheckCli(root, '--against', base, '--format', 'xml'), runCheckCli(root, '--against', 'no-such-ref')]);
    expect(wrongFormat.status).toBe(2);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('not in a git repository');
  });
});

describe.concurrent('the base: a directory, a git revision or the last release', () => {
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

  interface Compared {
    readonly label: string;
    readonly tree: Record<string, string>;
    readonly report: CompatReport;
  }
  /**
   * What `iotv1 check` compares in `root` (its base chosen as the command chooses it), in-process: both trees are
   * scenario trees, already loaded by the scenarios. The CLI's own part is the process test below.
   */
  const compareInRepository = async (root: string, against?: string): Promise<Compared> => {
    const current = await loaded(join(root, 'spec'));
    const base = resolveBase(join(root, 'spec'), current.model.version, against);
    if (base.kind !== 'spec') throw new Error(`no base: ${base.reason}`);
    try {
      return { label: base.label, tree: filesOf(base.specDir), report: compareSpecs(await loadOnce(base.specDir), current, '') };
    } finally {
      base.dispose();
    }
  };

  it('the CLI by default compares with the newest contract-v* tag reachable from HEAD', async ({ expect }) => {
    const root = repositoryWithBase();
    git(root, 'tag', 'contract-v1.0.0');
    overlay(root, 'seed-second-meaning');
    git(root, 'commit', '--quiet', '-am', 'widen 5003');
    const run = await runCheckCli(root);
    expect(run.status, run.stderr).toBe(1);
    expect(run.stdout).toContain('against 1.0.0 from contract-v1.0.0 (the last release tag reachable from HEAD)');
    expect(run.stdout).toContain('breaking registry/meaning-changed spec/schemas/response-code.schema.json:');
    expect(run.stdout).toContain('key: registry/meaning-changed@code-5003');
    expect(run.stdout).toContain('check: failed (1 breaking');
  });

  it('--against <ref> reads the spec tree of that revision, not the working tree', async ({ expect }) => {
    const root = repositoryWithBase();
    overlay(root, 'seed-second-meaning');
    const { label, tree, report } = await compareInRepository(root, 'HEAD');
    expect(label).toBe(`HEAD (${git(root, 'rev-parse', '--short=7', 'HEAD')})`);
    expect(tree).toEqual(filesOf(BASE_SPEC));
    expect(report.findings.map((f) => f.id)).toEqual(['registry/meaning-changed']);
  });

  it('without a tag, compares with the newest commit of another version, and says so', async ({ expect }) => {
    const root = repositoryWithBase();
    const first = git(root, 'rev-parse', '--short=7', 'HEAD');
    overlay(root, 'new-code');
    git(root, 'commit', '--quiet', '-am', 'contract 1.1.0: code 5000');
    writeFileSync(join(root, 'README.md'), 'a later commit that leaves the spec alone\n');
    git(root, 'add', '.');
    git(root, 'commit', '--quiet', '-m', 'docs');
    const { label, tree, report } = await compareInRepository(root);
    expect(label).toContain(`commit ${first} (no contract-v* tag is reachable from HEAD`);
    expect(tree).toEqual(filesOf(BASE_SPEC));
    expect(report.baseVersion).toBe('1.0.0');
    expect(report.findings.map((f) => f.id)).toEqual(['registry/code-added']);
  });

  it('with no release and no earlier version there is nothing to compare: exit 0 with a note', async ({ expect }) => {
    const root = repositoryWithBase();
    overlay(root, 'seed-second-meaning');
    const [logged, errors]: [string[], string[]] = [[], []];
    const status = await check({ root, specDir: join(root, 'spec'), log: (t) => logged.push(t), error: (t) => errors.push(t) });
    expect(status, errors.join('\n')).toBe(0);
    expect(logged).toEqual(['check: nothing to compare: no contract-v* tag is reachable from HEAD and every earlier commit has version 1.0.0.']);
  });

  it('a shallow clone that cannot see the last release fails instead of skipping the check', async ({ expect }) => {
    const origin = repositoryWithBase();
    overlay(origin, 'new-code');
    git(origin, 'commit', '--quiet', '-am', 'contract 1.1.0');
    const clone = mkdtempSync(join(tmpdir(), 'iotv1-compat-shallow-'));
    repositories.push(clone);
    git(tmpdir(), 'clone', '--quiet', '--depth=1', `file://${origin}`, clone);
    const { version } = (await loaded(join(clone, 'spec'))).model;
    let thrown: unknown;
    try {
      resolveBase(join(clone, 'spec'), version, undefined);
    } catch (error) {
      thrown = error;
    }
    // A BaseError is exit 2, as the CLI test of a base that does not exist shows.
    expect(thrown).toBeInstanceOf(BaseError);
    expect(String(thrown)).toContain('this clone is shallow');
  });
});

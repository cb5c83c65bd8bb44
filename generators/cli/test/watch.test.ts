import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { type GenerateOptions, type GenerateOutcome, GenerateSession, generate } from '../src/generate.js';
import type { TargetRunner } from '../src/target-runner.js';

// The targets' worker runs from dist/ (built before the tests), as the CLI runs it.
const { startTargets } = (await import(new URL('../dist/target-runner.js', import.meta.url).href)) as typeof import('../src/target-runner.js');

/**
 * The warm path of `--watch` against cold runs: after each edit of a copy of the repository's spec, what a warm run
 * (one session for every run, as the watcher keeps it) writes and reports must be what a cold `pnpm generate` of the
 * same spec writes and reports, byte for byte, for valid and broken specs alike. Then the watcher itself, as a
 * process: an edit, a broken spec (reported with file and pointer, no file touched), the fix.
 */

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const CLI = join(REPO, 'generators/cli/dist/bin.js');
const temp = mkdtempSync(join(tmpdir(), 'iotv1-watch-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));
let roots = 0;

/** A fresh root with a copy of `specDir` as its spec. */
function rootWith(specDir: string): string {
  const root = join(temp, `root-${roots++}`);
  cpSync(specDir, join(root, 'spec'), { recursive: true });
  return root;
}

/** Every generated file under `root` (packages/<name>/src/gen), path -> content. */
function generated(root: string): Record<string, string> {
  const files: Record<string, string> = {};
  const packages = join(root, 'packages');
  if (!existsSync(packages)) return files;
  for (const entry of readdirSync(packages, { withFileTypes: true, recursive: true })) {
    const path = join(entry.parentPath, entry.name);
    if (entry.isFile() && /\/src\/gen\//.test(path)) files[relative(root, path)] = readFileSync(path, 'utf8');
  }
  return files;
}

interface Run {
  readonly outcome: GenerateOutcome;
  readonly log: string[];
  readonly errors: string[];
}

async function run(root: string, session?: GenerateSession): Promise<Run> {
  const log: string[] = [];
  const errors: string[] = [];
  const options: GenerateOptions = {
    root,
    specDir: join(root, 'spec'),
    targets: startTargets,
    check: false,
    log: (line) => log.push(line),
    error: (line) => errors.push(line),
  };
  return { outcome: await generate(options, session), log, errors };
}

/** Edits a file of the spec in `root` as text. */
function edit(root: string, path: string, change: (text: string) => string): void {
  const file = join(root, 'spec', path);
  const before = readFileSync(file, 'utf8');
  const after = change(before);
  if (after === before) throw new Error(`the edit of ${path} changed nothing`);
  writeFileSync(file, after);
}

const OPENAPI = 'openapi.yaml';
const ASYNCAPI = 'asyncapi.yaml';
const SUBMISSION = 'schemas/feed-data-submission.schema.json';
const REGISTRY = 'schemas/response-code.schema.json';
const MESSAGE_ID = 'schemas/message-id.schema.json';

describe.sequential('a warm run gives what a cold run gives', () => {
  const warm = rootWith(join(REPO, 'spec'));
  const session = new GenerateSession();

  /** Runs warm in `warm` and cold in a fresh copy of its spec; both must write the same files and say the same. */
  async function expectSameAsCold(outcome: GenerateOutcome): Promise<Run> {
    const warmRun = await run(warm, session);
    const cold = rootWith(join(warm, 'spec'));
    const coldRun = await run(cold);
    expect(warmRun.outcome).toBe(outcome);
    expect(coldRun.outcome).toBe(outcome);
    expect(warmRun.errors).toEqual(coldRun.errors);
    if (outcome === 'written') expect(generated(warm)).toEqual(generated(cold));
    session.prepare(); // as the watcher does once idle
    return warmRun;
  }

  it('on the first run', async () => {
    await expectSameAsCold('written');
  });

  it('after an edit of a description in openapi.yaml (the schemas and the AsyncAPI findings are reused)', async () => {
    edit(warm, OPENAPI, (t) => t.replace('description: Production\n', 'description: Production, edited\n'));
    const warmRun = await expectSameAsCold('written');
    expect(warmRun.log.join('\n')).toContain('wrote packages/spec/src/gen/openapi.json');
    // The AsyncAPI document and the files it reads did not change: its findings are kept.
    expect(session.contract?.asyncApi.unchanged(join(warm, 'spec', ASYNCAPI))).toBeDefined();
  });

  it('after an edit of a description in a schema file', async () => {
    edit(warm, SUBMISSION, (t) => t.replace('"The measured value."', '"The measured value, edited."'));
    await expectSameAsCold('written');
  });

  it('after an edit of the AsyncAPI document', async () => {
    edit(warm, ASYNCAPI, (t) =>
      t.replace('description: The device publishes feed data here (QoS 1).', 'description: The device publishes feed data here (QoS 1), edited.'),
    );
    await expectSameAsCold('written');
  });

  it('after an edit that changes no model (a comment): the targets are not run, no file changes', async () => {
    edit(warm, OPENAPI, (t) => `${t}# a comment\n`);
    const before = generated(warm);
    const warmRun = await expectSameAsCold('written');
    expect(warmRun.log[0]).toMatch(/^generate: 0 written, \d+ unchanged, 0 removed/);
    expect(generated(warm)).toEqual(before);
  });

  it('after an edit of the registry', async () => {
    edit(warm, REGISTRY, (t) => t.replace(/("const": 4004,\s*"title": ")([^"]+)"/, '$1$2, edited"'));
    await expectSameAsCold('written');
  });

  it('after a schema file gains an annotation keyword (a new Ajv instance)', async () => {
    edit(warm, SUBMISSION, (t) => t.replace('"title": "FeedDataSubmission",', '"title": "FeedDataSubmission",\n  "x-edited": true,'));
    await expectSameAsCold('written');
  });

  it('after an inline schema gains an anchor (an Ajv instance not to be reused)', async () => {
    const pattern = "        pattern: '^[A-Za-z0-9_-]{1,64}$'\n";
    edit(warm, OPENAPI, (t) => t.replace(pattern, () => `${pattern}        $anchor: deviceId\n`));
    await expectSameAsCold('written');
    edit(warm, OPENAPI, (t) => t.replace('        $anchor: deviceId\n', ''));
    await expectSameAsCold('written');
  });

  it('reports the examples a tightened schema file no longer allows, where they are, as a cold run does', async () => {
    edit(warm, MESSAGE_ID, (t) => t.replace('"maxLength": 64', '"maxLength": 8'));
    const warmRun = await expectSameAsCold('invalid-spec');
    expect(warmRun.errors.join('\n')).toContain('spec/schemas/message-id.schema.json:');
    expect(warmRun.errors.join('\n')).toContain('spec/schemas/feed-data-submission.schema.json:');
    edit(warm, MESSAGE_ID, (t) => t.replace('"maxLength": 8', '"maxLength": 64').replace('"Chosen by the device', '"Chosen by the device alone'));
    await expectSameAsCold('written');
  });

  it('reports a YAML syntax error as a cold run does, and writes nothing', async () => {
    const before = generated(warm);
    edit(warm, OPENAPI, (t) => t.replace('paths:\n', 'paths:\n  - [\n'));
    const warmRun = await expectSameAsCold('invalid-spec');
    expect(warmRun.errors.join('\n')).toMatch(/spec\/openapi\.yaml:\d+:\d+ #/);
    expect(generated(warm)).toEqual(before);
  });

  it('then takes the fixed spec as a cold run does', async () => {
    edit(warm, OPENAPI, (t) => t.replace('paths:\n  - [\n', 'paths:\n').replace('Production, edited', 'Production, fixed'));
    await expectSameAsCold('written');
  });

  it('reports an example that does not match its schema at its pointer, as a cold run does, and writes nothing', async () => {
    const before = generated(warm);
    edit(warm, SUBMISSION, (t) => t.replace(/"examples": \[\s*\{/, '$&\n      "unexpected": 1,'));
    const warmRun = await expectSameAsCold('invalid-spec');
    expect(warmRun.errors.join('\n')).toContain('spec/schemas/feed-data-submission.schema.json:');
    expect(warmRun.errors.join('\n')).toContain('#/examples/0');
    expect(generated(warm)).toEqual(before);
  });

  it('reports a broken AsyncAPI document as a cold run does', async () => {
    edit(warm, SUBMISSION, (t) => t.replace('\n      "unexpected": 1,', ''));
    edit(warm, ASYNCAPI, (t) => t.replace('asyncapi: 3.0.0\n', 'asyncapi: 3.0.0\nunknownField: 1\n'));
    const warmRun = await expectSameAsCold('invalid-spec');
    expect(warmRun.errors.join('\n')).toContain('asyncapi/structure');
  });

  it('and its fix', async () => {
    cpSync(join(REPO, 'spec'), join(warm, 'spec'), { recursive: true });
    await expectSameAsCold('written');
  });
});

describe('a run whose spec changes while it reads it', () => {
  it('writes and reports nothing (superseded), and the next run takes the spec as it now is', async () => {
    const root = rootWith(join(REPO, 'test/fixtures/specs/base'));
    const session = new GenerateSession();
    const file = join(root, 'spec', SUBMISSION);
    let editDuringRun = true;
    const target: TargetRunner = async (model) => {
      // An edit lands while the targets run (as an editor's second write would).
      if (editDuringRun) writeFileSync(file, readFileSync(file, 'utf8').replace('"readings"', '"readings" '));
      return { outDirs: ['packages/a/src/gen'], files: [{ path: 'packages/a/src/gen/hash.txt', content: model.contentHash }] };
    };
    const log: string[] = [];
    const options: GenerateOptions = {
      root,
      specDir: join(root, 'spec'),
      targets: () => target,
      check: false,
      log: (l) => log.push(l),
      error: (l) => log.push(l),
    };
    expect(await generate(options, session)).toBe('superseded');
    expect(log).toEqual([]);
    expect(existsSync(join(root, 'packages'))).toBe(false);
    editDuringRun = false;
    expect(await generate(options, session)).toBe('written');
    expect(log[0]).toMatch(/^generate: 1 written/);
  });
});

describe('the watcher', () => {
  it('regenerates after an edit as a cold run does, reports a broken spec without touching a file, and goes on', async () => {
    const root = rootWith(join(REPO, 'spec'));
    const child = spawn(process.execPath, [CLI, 'generate', '--watch', '--root', root]);
    const output = collect(child);
    try {
      await output.waitFor(/watching/);
      const registryTs = join(root, 'packages/registry/src/gen/registry.ts');
      edit(root, OPENAPI, (t) => t.replace('description: Production\n', 'description: Production, edited\n'));
      await output.waitFor(/wrote packages\/spec\/src\/gen\/openapi\.json/);
      const cold = rootWith(join(root, 'spec'));
      expect((await run(cold)).outcome).toBe('written');
      expect(generated(root)).toEqual(generated(cold));

      const before = generated(root);
      const beforeRegistry = readFileSync(registryTs, 'utf8');
      edit(root, REGISTRY, (t) => t.replace(/("const": 4004,\s*"title": )"[^"]+"/, '$17'));
      await output.waitFor(/no file was changed/);
      await output.waitFor(/spec\/schemas\/response-code\.schema\.json:\d+:\d+ #\/oneOf\/\d+\/title/);
      expect(generated(root)).toEqual(before);
      expect(readFileSync(registryTs, 'utf8')).toBe(beforeRegistry);

      edit(root, REGISTRY, (t) => t.replace(/("const": 4004,\s*"title": )7/, '$1"Not There"'));
      await output.waitFor(/wrote packages\/registry\/src\/gen\/registry\.ts/);
      const fixed = rootWith(join(root, 'spec'));
      expect((await run(fixed)).outcome).toBe('written');
      expect(generated(root)).toEqual(generated(fixed));
      expect(readFileSync(registryTs, 'utf8')).toContain('"Not There"');
      expect(child.exitCode).toBeNull();
    } finally {
      child.kill();
    }
  });
});

/** What a child process prints, and a bounded wait for a line of it. */
function collect(child: ChildProcess): { waitFor(pattern: RegExp): Promise<void> } {
  let output = '';
  let seen = 0;
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return {
    /** Waits (at most 30 s) for `pattern` in what was printed since the last wait. */
    async waitFor(pattern: RegExp): Promise<void> {
      for (let waited = 0; !pattern.test(output.slice(seen)); waited += 25) {
        if (waited > 30_000 || child.exitCode !== null) throw new Error(`no ${pattern} from the watcher (exit ${child.exitCode}); it printed:\n${output}`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      const match = pattern.exec(output.slice(seen))!;
      seen += match.index + match[0].length;
    },
  };
}

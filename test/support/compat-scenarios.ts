import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
// The check is imported from its build (dist/): `turbo run test` builds it first, as a dependency of this package.
import { type CompatReport, compareSpecs, isLoaded, type LoadedSpec, loadSnapshot, type SpecSnapshot } from '@iotv1/compat-check';
import { type CliRun, REPO_ROOT } from './workspace.js';

export const SCENARIOS = join(REPO_ROOT, 'test/fixtures/compat');
export const BASE_SPEC = join(REPO_ROOT, 'test/fixtures/specs/base');
const CLI = join(REPO_ROOT, 'generators/cli/dist/bin.js');

/** One expected finding of `case.json`; `message` is a substring of the reported one. */
export interface Expected {
  readonly id: string;
  readonly severity: string;
  readonly file: string;
  readonly pointer: string;
  readonly code?: number;
  readonly accepted?: true;
  readonly message?: string;
}

/** `test/fixtures/compat/<name>/case.json`: the base is the fixture base spec plus `base/`, the revision that plus `spec/`. */
export interface Scenario {
  readonly name: string;
  readonly description: string;
  readonly passes: boolean;
  readonly expect: readonly Expected[];
}

export const scenarios: readonly Scenario[] = readdirSync(SCENARIOS)
  .sort()
  .map((name) => ({ name, ...(JSON.parse(readFileSync(join(SCENARIOS, name, 'case.json'), 'utf8')) as Omit<Scenario, 'name'>) }));

/** A repository root holding a scenario's revised spec as `spec/` (and its CHANGELOG.md), and its base spec beside it. */
export interface ScenarioRoot {
  readonly root: string;
  /** The base spec directory, `<root>/base/spec`. */
  readonly base: string;
  /** The revised spec directory, `<root>/spec`. */
  readonly current: string;
}

const roots: string[] = [];

export function materialise(name: string): ScenarioRoot {
  const dir = join(SCENARIOS, name);
  const root = mkdtempSync(join(tmpdir(), 'iotv1-compat-test-'));
  roots.push(root);
  const base = join(root, 'base', 'spec');
  const current = join(root, 'spec');
  cpSync(BASE_SPEC, base, { recursive: true });
  if (existsSync(join(dir, 'base'))) cpSync(join(dir, 'base'), base, { recursive: true });
  cpSync(base, current, { recursive: true });
  if (existsSync(join(dir, 'spec'))) cpSync(join(dir, 'spec'), current, { recursive: true });
  if (existsSync(join(dir, 'CHANGELOG.md'))) cpSync(join(dir, 'CHANGELOG.md'), join(root, 'CHANGELOG.md'));
  return { root, base, current };
}

/** Removes every root made in this test file (call it from `afterAll`). */
export function removeScenarioRoots(): void {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
}

/** Path (relative to `dir`) -> content of every file under `dir`. */
export function filesOf(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) files[relative(dir, join(entry.parentPath, entry.name))] = readFileSync(join(entry.parentPath, entry.name), 'utf8');
  }
  return files;
}

const snapshots = new Map<string, Promise<SpecSnapshot>>();

/**
 * The snapshot of a spec tree, loaded once per content: loading one costs most of a second (core starts a fresh
 * AsyncAPI parser for each), and several scenarios share a tree (the fixture base is the base of most of them).
 * Equal files give an equal snapshot, lines included, whichever copy was read.
 */
export function loadOnce(specDir: string): Promise<SpecSnapshot> {
  const hash = createHash('sha256');
  for (const [path, content] of Object.entries(filesOf(specDir)).sort(([a], [b]) => a.localeCompare(b))) hash.update(`${path}\0${content}\0`);
  const key = hash.digest('hex');
  let snapshot = snapshots.get(key);
  if (snapshot === undefined) {
    snapshot = loadSnapshot(specDir);
    snapshots.set(key, snapshot);
  }
  return snapshot;
}

/** A current side must pass every check of core; anything else is a broken fixture. */
export async function loaded(specDir: string): Promise<LoadedSpec> {
  const snapshot = await loadOnce(specDir);
  if (!isLoaded(snapshot)) throw new Error(`${specDir} does not load:\n${snapshot.problems.map((p) => `${p.file}#${p.pointer} ${p.message}`).join('\n')}`);
  return snapshot;
}

/** A scenario compared in-process, the way `iotv1 check` compares it (with the CHANGELOG.md of its root). */
export interface ScenarioRun extends ScenarioRoot {
  readonly baseSnapshot: SpecSnapshot;
  readonly currentSnapshot: LoadedSpec;
  readonly report: CompatReport;
}

const runs = new Map<string, Promise<ScenarioRun>>();

/** Each scenario is compared once; the scenario table and the report-format tests share the result. */
export function runScenario(name: string): Promise<ScenarioRun> {
  let run = runs.get(name);
  if (run === undefined) {
    run = compareScenario(name);
    runs.set(name, run);
  }
  return run;
}

async function compareScenario(name: string): Promise<ScenarioRun> {
  const made = materialise(name);
  const changelog = existsSync(join(made.root, 'CHANGELOG.md')) ? readFileSync(join(made.root, 'CHANGELOG.md'), 'utf8') : '';
  const [baseSnapshot, currentSnapshot] = await Promise.all([loadOnce(made.base), loaded(made.current)]);
  return { ...made, baseSnapshot, currentSnapshot, report: compareSpecs(baseSnapshot, currentSnapshot, changelog) };
}

/** Runs the real CLI (`iotv1 check ...`) in a child process; asynchronous, so that other cases run meanwhile. */
export function runCheckCli(root: string, ...flags: string[]): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [CLI, 'check', '--root', root, ...flags], { encoding: 'utf8' }, (_error, stdout, stderr) =>
      resolve({ status: child.exitCode, stdout, stderr }),
    );
  });
}

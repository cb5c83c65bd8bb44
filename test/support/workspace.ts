import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sha256 } from '@iotv1/generator-kit';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const SPEC_DIR = join(REPO_ROOT, 'spec');
const CLI = join(REPO_ROOT, 'generators/cli/dist/bin.js');

const tempRoots: string[] = [];

/** A throwaway repository root holding a copy of `specDir` as `spec/`; generated output lands beside it. */
export function tempRootWithSpec(specDir: string = SPEC_DIR): string {
  const root = mkdtempSync(join(tmpdir(), 'iotv1-gen-'));
  tempRoots.push(root);
  cpSync(specDir, join(root, 'spec'), { recursive: true });
  return root;
}

/** Removes every root `tempRootWithSpec` made in this test file (call it from `afterAll`). */
export function removeTempRoots(): void {
  for (const root of tempRoots.splice(0)) rmSync(root, { recursive: true, force: true });
}

export interface CliRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the real CLI (`iotv1 generate ...`) in a child process against `root`. */
export function runGenerate(root: string, ...flags: string[]): CliRun {
  const run = spawnSync(process.execPath, [CLI, 'generate', '--root', root, ...flags], { encoding: 'utf8' });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/**
 * `iotv1 generate --root <root> [--check]` run in this process, as the CLI runs it: what it printed, and the exit status the CLI
 * would give. A test that runs dozens of specs pays the spec parsers' load once instead of once per run.
 */
export async function generateInProcess(root: string, ...flags: '--check'[]): Promise<CliRun> {
  const [{ generate }, { startTargets }] = await Promise.all([import('@iotv1/cli'), import('@iotv1/cli/targets')]);
  const stdout: string[] = [];
  const stderr: string[] = [];
  const outcome = await generate({
    root,
    specDir: join(root, 'spec'),
    targets: startTargets,
    check: flags.includes('--check'),
    log: (line) => stdout.push(`${line}\n`),
    error: (line) => stderr.push(`${line}\n`),
  });
  return { status: outcome === 'written' || outcome === 'up-to-date' ? 0 : 1, stdout: stdout.join(''), stderr: stderr.join('') };
}

/** Path -> content hash of every file under `root` (outside node_modules), to prove a run changed nothing. */
export function snapshotTree(root: string): Record<string, string> {
  const snapshot: Record<string, string> = {};
  for (const entry of readdirSync(root, { withFileTypes: true, recursive: true })) {
    const path = join(entry.parentPath, entry.name);
    if (!entry.isFile() || path.includes('/node_modules/')) continue;
    snapshot[relative(root, path)] = sha256(readFileSync(path, 'utf8'));
  }
  return snapshot;
}

/** Every generated file of `root` (the files under `packages/<name>/src/gen`, which generation owns whole), path -> content. */
export function generatedFiles(root: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const pkg of readdirSync(join(root, 'packages'))) {
    const gen = join(root, 'packages', pkg, 'src/gen');
    const entries = existsSync(gen) ? readdirSync(gen, { withFileTypes: true, recursive: true }) : [];
    for (const entry of entries) {
      if (entry.isFile()) files[relative(root, join(entry.parentPath, entry.name))] = readFileSync(join(entry.parentPath, entry.name), 'utf8');
    }
  }
  return files;
}

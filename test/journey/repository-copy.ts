import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository this package lives in, which the journey copies. */
export const REPO_ROOT: string = fileURLToPath(new URL('../../', import.meta.url));

/**
 * A throwaway checkout of this repository, for tests that follow a user's workflow from end to end: the working tree as
 * `git add --all` would commit it (in CI, a clean clone: the tracked files), committed once so that git-based commands
 * see a history, and the installed node_modules reused instead of installed again.
 */

/** The environment of every command: no telemetry or update checks, and no git configuration from outside the copy. */
const ENV: NodeJS.ProcessEnv = {
  ...Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('VITEST'))),
  TURBO_TELEMETRY_DISABLED: '1',
  DO_NOT_TRACK: '1',
  npm_config_update_notifier: 'false',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_AUTHOR_NAME: 'iotv1 tests',
  GIT_AUTHOR_EMAIL: 'tests@iotv1.invalid',
  GIT_COMMITTER_NAME: 'iotv1 tests',
  GIT_COMMITTER_EMAIL: 'tests@iotv1.invalid',
};

/** How a command ended, and everything it printed (stdout and stderr interleaved). */
export interface CommandRun {
  readonly command: string;
  readonly status: number | null;
  readonly timedOut: boolean;
  readonly output: string;
}

export interface RepositoryCopy {
  readonly root: string;
  /** Runs a command in the copy; it is killed with its children after `boundMs`. */
  run(command: string, args: readonly string[], boundMs: number): Promise<CommandRun>;
  /** Kills what still runs and deletes the copy. */
  remove(): void;
}

export function copyRepository(): RepositoryCopy {
  const root = mkdtempSync(join(tmpdir(), 'iotv1-checkout-'));
  const running = new Set<ChildProcess>();
  const copy: RepositoryCopy = {
    root,
    run: (command, args, boundMs) => runBounded(command, args, root, boundMs, running),
    remove() {
      for (const child of running) killGroup(child);
      rmSync(root, { recursive: true, force: true });
    },
  };
  try {
    // Untracked files count too: a change in progress is often a tracked edit and a new file beside it. A tracked
    // file deleted in the working tree is left out, as a commit of the working tree would leave it out.
    const files = git(REPO_ROOT, 'ls-files', '-z', '--cached', '--others', '--exclude-standard').split('\0').filter(Boolean);
    for (const file of files.filter((path) => existsSync(join(REPO_ROOT, path)))) {
      mkdirSync(dirname(join(root, file)), { recursive: true });
      copyFileSync(join(REPO_ROOT, file), join(root, file));
    }
    linkNodeModules(root, files);
    git(root, 'init', '--quiet');
    git(root, 'add', '--all');
    git(root, 'commit', '--quiet', '--no-verify', '--message', 'the repository as it is');
    seedBuildCache(root);
  } catch (error) {
    copy.remove();
    throw error;
  }
  return copy;
}

/**
 * Each workspace package's node_modules, rebuilt in the copy from the same relative links, so that workspace
 * dependencies resolve to the copy's packages; the store (`node_modules/.pnpm`) is the repository's, shared read-only.
 * Caches (`.cache`, `.vite`) and pnpm's own state stay behind.
 */
function linkNodeModules(root: string, files: readonly string[]): void {
  const packages = files.filter((path) => path === 'package.json' || path.endsWith('/package.json')).map((path) => dirname(path));
  for (const dir of packages) {
    const from = join(REPO_ROOT, dir, 'node_modules');
    if (!existsSync(from)) continue;
    for (const entry of readdirSync(from)) {
      if (entry.startsWith('.') && entry !== '.bin') continue;
      cpSync(join(from, entry), join(root, dir, 'node_modules', entry), { recursive: true, verbatimSymlinks: true });
    }
  }
  mkdirSync(join(root, 'node_modules'), { recursive: true });
  symlinkSync(join(REPO_ROOT, 'node_modules/.pnpm'), join(root, 'node_modules/.pnpm'));
}

/**
 * Turbo's cache entries for the copy's builds, taken from the repository's cache where it has them: the copy's files
 * hash as the repository's do, so unchanged packages are restored instead of compiled again (as in the user's own
 * checkout). Only the entries the copy asks for are copied; the repository's cache is never written.
 */
function seedBuildCache(root: string): void {
  const cache = join(REPO_ROOT, '.turbo/cache');
  if (!existsSync(cache)) return;
  const dryRun = run(join(root, 'node_modules/.bin/turbo'), ['run', 'build', '--dry-run=json'], root);
  const { tasks } = JSON.parse(dryRun) as { tasks: { hash: string }[] };
  mkdirSync(join(root, '.turbo/cache'), { recursive: true });
  const entries = new Set(readdirSync(cache));
  for (const { hash } of tasks) {
    for (const name of [`${hash}.tar.zst`, `${hash}-meta.json`, `${hash}-manifest.json`]) {
      if (entries.has(name)) copyFileSync(join(cache, name), join(root, '.turbo/cache', name));
    }
  }
}

const git = (cwd: string, ...args: string[]): string => run('git', args, cwd);

/** A quick command (git, a turbo dry run), bounded in time; fails with its output unless it exits 0. */
function run(command: string, args: readonly string[], cwd: string): string {
  const result = spawnSync(command, args, { cwd, env: ENV, encoding: 'utf8', timeout: 30_000, maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} in ${cwd} failed (${result.error ?? result.status})\n${result.stderr}`);
  return result.stdout;
}

/** Runs a command in its own process group, so that the bound stops its children (pnpm, turbo, vitest) too. */
function runBounded(command: string, args: readonly string[], cwd: string, boundMs: number, running: Set<ChildProcess>): Promise<CommandRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: ENV, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    running.add(child);
    let output = '';
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child);
    }, boundMs);
    const settle = () => {
      clearTimeout(timer);
      running.delete(child);
    };
    child.once('error', (error) => {
      settle();
      reject(error);
    });
    child.once('close', (status) => {
      settle();
      resolve({ command: [command, ...args].join(' '), status, timedOut, output });
    });
  });
}

function killGroup(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // The group has already gone.
  }
}

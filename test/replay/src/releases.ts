import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { all } from '@iotv1/test-tools';
import { runBounded } from './bounded.js';

/*
 * Every release is a `contract-v*` tag. Its tree is taken with `git archive` (no worktree to clean up), its own
 * lockfile installs it, its own `pnpm generate` generates its packages from its own spec, and its own build
 * scripts build its registry and client.
 */

/** The repository this package lives in: releases are its tags, and are built inside it. */
export const REPO_ROOT: string = fileURLToPath(new URL('../../../', import.meta.url));
/**
 * Built releases, kept between runs: one directory per tag and commit, so that a moved tag is rebuilt. Under
 * node_modules, so that git, Biome (which refuses the releases' own biome.json), tsc and Vitest pass it by.
 */
const CACHE = fileURLToPath(new URL('../node_modules/.cache/releases/', import.meta.url));
/** Written last: a release directory without it is a build that did not finish, and is built again. */
const MANIFEST = 'replay-release.json';
const RELEASE_TAGS = 'refs/tags/contract-v*';

/** The tools a build runs: without one, the replay is skipped outside CI and fails in CI (`requireTools`). */
export const BUILD_TOOLS = ['git', 'tar', 'pnpm'] as const;

/** A release built from its tag: absolute paths of what the replay loads; `null` for what the release did not have. */
export interface BuiltRelease {
  readonly tag: string;
  readonly commit: string;
  /** The module of its `@iotv1/registry`. */
  readonly registry: string;
  /** The modules of its `@iotv1/client` (`.` and `./mqtt`). */
  readonly client: { readonly https: string; readonly mqtt: string } | null;
  /** Its C header: the include directory and iotv1.c. */
  readonly cHeader: { readonly includeDir: string; readonly source: string } | null;
}

interface Manifest {
  readonly client: boolean;
  readonly cHeader: boolean;
}

/** Every release tag reachable from HEAD, oldest first, built (or taken from the cache) side by side; none without the tools. */
export async function buildReleases(): Promise<BuiltRelease[]> {
  if (BUILD_TOOLS.some((tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0)) return [];
  return all(releaseTags().map(({ tag, commit }) => buildRelease(tag, commit)));
}

function releaseTags(): { tag: string; commit: string }[] {
  // An annotated tag names its commit as *objectname, a lightweight one as objectname.
  const format = '%(refname:short) %(if)%(*objectname)%(then)%(*objectname)%(else)%(objectname)%(end)';
  const listing = execFileSync('git', ['for-each-ref', '--merged=HEAD', '--sort=version:refname', `--format=${format}`, RELEASE_TAGS], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    timeout: 30_000,
  });
  return listing
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      const [tag = '', commit = ''] = line.split(' ');
      return { tag, commit };
    });
}

async function buildRelease(tag: string, commit: string): Promise<BuiltRelease> {
  const root = join(CACHE, `${tag}-${commit.slice(0, 12)}`);
  if (!existsSync(join(root, MANIFEST))) {
    rmSync(root, { recursive: true, force: true });
    mkdirSync(root, { recursive: true });
    try {
      writeFileSync(join(root, MANIFEST), JSON.stringify(await build(commit, root)));
    } catch (error) {
      rmSync(root, { recursive: true, force: true });
      throw new Error(`${tag} (${commit.slice(0, 7)}) does not build: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const manifest = JSON.parse(readFileSync(join(root, MANIFEST), 'utf8')) as Manifest;
  const client = join(root, 'packages/client');
  const cHeader = join(root, 'packages/c-header/src');
  return {
    tag,
    commit,
    registry: entryOf(join(root, 'packages/registry'), '.'),
    client: manifest.client ? { https: entryOf(client, '.'), mqtt: entryOf(client, './mqtt') } : null,
    cHeader: manifest.cHeader ? { includeDir: cHeader, source: join(cHeader, 'iotv1.c') } : null,
  };
}

async function build(commit: string, root: string): Promise<Manifest> {
  const archive = join(root, 'release.tar');
  await runBounded('git', ['archive', '--format=tar', `--output=${archive}`, commit], { cwd: REPO_ROOT, timeoutMs: 60_000 });
  await runBounded('tar', ['-xf', archive], { cwd: root, timeoutMs: 60_000 });
  rmSync(archive);
  if (!existsSync(join(root, 'packages/registry/package.json'))) throw new Error('it has no packages/registry');
  const manifest = { client: existsSync(join(root, 'packages/client/package.json')), cHeader: existsSync(join(root, 'packages/c-header/src/iotv1.h')) };
  const filters = ['@iotv1/registry', ...(manifest.client ? ['@iotv1/client'] : [])].flatMap((name) => ['--filter', name]);
  // Scripts stay off: generation and the build below are the release's own scripts, run explicitly.
  await runBounded('pnpm', ['install', '--frozen-lockfile', '--ignore-scripts'], { cwd: root, timeoutMs: 300_000, env: releaseEnv() });
  // Its own generators on its own spec: what is replayed is what the release generates, not only what it committed.
  await runBounded('pnpm', ['generate'], { cwd: root, timeoutMs: 300_000, env: releaseEnv() });
  await runBounded('pnpm', [...filters, 'run', 'build'], { cwd: root, timeoutMs: 300_000, env: releaseEnv() });
  return manifest;
}

/** The environment without the `npm_*` settings of the pnpm run this test is in: the release's pnpm reads its own. */
function releaseEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name)));
}

/** The module a package exports at `subpath` for `import`, as an absolute path. */
function entryOf(packageDir: string, subpath: string): string {
  const { exports } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { exports: Record<string, { import: string }> };
  const entry = exports[subpath];
  if (entry === undefined) throw new Error(`${packageDir} exports no ${subpath}`);
  return join(packageDir, entry.import);
}

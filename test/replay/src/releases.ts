import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { all } from '@iotv1/test-tools';
import { runBounded } from './bounded.js';

/*
 * Every release is an archive in `test/replay/releases/`: `git archive` of its `contract-v*` tag, committed, so
 * that a clone without tags or history (CI's) still has every release. Its own lockfile installs it, its own
 * `pnpm generate` generates its packages from its own spec, and its own build scripts build its registry and
 * client. `replay.test.ts` holds each archive to its tag wherever the clone has the tag.
 */

/** The repository this package lives in. */
export const REPO_ROOT: string = fileURLToPath(new URL('../../../', import.meta.url));
/** One `<tag>.tar.gz` per release, each the output of `git archive --format=tar.gz <tag>`. */
export const ARCHIVES = fileURLToPath(new URL('../releases/', import.meta.url));
/**
 * Built releases, kept between runs: one directory per tag and commit, so that a re-archived release is rebuilt.
 * Under node_modules, so that git, Biome (which refuses the releases' own biome.json), tsc and Vitest pass it by.
 */
const CACHE = fileURLToPath(new URL('../node_modules/.cache/releases/', import.meta.url));
/** Written last: a release directory without it is a build that did not finish, and is built again. */
const MANIFEST = 'replay-release.json';
const ARCHIVE_SUFFIX = '.tar.gz';

/** The tools a build runs: without one, the replay is skipped outside CI and fails in CI (`requireTools`). */
export const BUILD_TOOLS = ['tar', 'pnpm'] as const;

/** A release built from its archive: absolute paths of what the replay loads; `null` for what the release did not have. */
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

/** Every archived release, oldest first, built (or taken from the cache) side by side; none without the tools. */
export async function buildReleases(): Promise<BuiltRelease[]> {
  if (BUILD_TOOLS.some((tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0)) return [];
  return all(archivedReleases().map(({ tag, commit }) => buildRelease(tag, commit)));
}

/** An archived release: its tag (the archive's name), the commit `git archive` recorded, and the archive's path. */
export interface ArchivedRelease {
  readonly tag: string;
  readonly commit: string;
  readonly archive: string;
}

/** The archives in `releases/`, oldest version first. */
export function archivedReleases(): ArchivedRelease[] {
  return readdirSync(ARCHIVES)
    .filter((name) => name.endsWith(ARCHIVE_SUFFIX))
    .map((name) => {
      const archive = join(ARCHIVES, name);
      return { tag: name.slice(0, -ARCHIVE_SUFFIX.length), commit: commitOf(archive), archive };
    })
    .sort((a, b) => a.tag.localeCompare(b.tag, 'en', { numeric: true }));
}

/** `git archive` opens a tar with a pax global header whose comment is the commit it archived. */
function commitOf(archive: string): string {
  const head = gunzipSync(readFileSync(archive)).subarray(0, 1024).toString('latin1');
  const commit = /\d+ comment=([0-9a-f]{40})\n/.exec(head)?.[1];
  if (commit === undefined) throw new Error(`${archive} is not the output of git archive: its header names no commit`);
  return commit;
}

async function buildRelease(tag: string, commit: string): Promise<BuiltRelease> {
  const root = join(CACHE, `${tag}-${commit.slice(0, 12)}`);
  if (!existsSync(join(root, MANIFEST))) {
    rmSync(root, { recursive: true, force: true });
    mkdirSync(root, { recursive: true });
    try {
      writeFileSync(join(root, MANIFEST), JSON.stringify(await build(join(ARCHIVES, `${tag}${ARCHIVE_SUFFIX}`), root)));
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

async function build(archive: string, root: string): Promise<Manifest> {
  await runBounded('tar', ['-xzf', archive], { cwd: root, timeoutMs: 60_000 });
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

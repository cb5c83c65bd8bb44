import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, posix, relative, resolve, sep } from 'node:path';
import { getAtPointer, SPEC_LAYOUT } from '@iotv1/generator-kit';
import { parse } from 'yaml';

/** Releases are tagged `contract-v<version>`, for example `contract-v1.1.0`. */
const RELEASE_TAG_PREFIX = 'contract-v';

/** The spec to compare with, as a directory, and how it was chosen. */
export type Base =
  | { readonly kind: 'spec'; readonly specDir: string; readonly label: string; dispose(): void }
  | { readonly kind: 'none'; readonly reason: string };

/** The base asked for cannot be found; the check cannot run (exit 2, not a finding). */
export class BaseError extends Error {}

/**
 * `against` is a spec directory (or a directory holding `spec/`), else a git revision whose spec tree is read
 * into a temporary directory. Without it, the last release: the newest `contract-v*` tag reachable from HEAD,
 * else the newest commit whose `info.version` differs from the current one.
 */
export function resolveBase(specDir: string, currentVersion: string, against: string | undefined): Base {
  if (against !== undefined && existsSync(against)) return specTree(resolve(against));
  const repository = repositoryOf(specDir);
  if (against !== undefined) {
    const commit = git(repository.top, ['rev-parse', '--verify', '--quiet', `${against}^{commit}`]);
    if (commit === undefined) throw new BaseError(`"${against}" is neither a directory nor a git revision.`);
    return checkout(repository, commit, `${against} (${commit.slice(0, 7)})`, specDir);
  }
  const tag = git(repository.top, ['describe', '--tags', '--abbrev=0', '--match', `${RELEASE_TAG_PREFIX}*`, 'HEAD']);
  if (tag !== undefined)
    return checkout(repository, git(repository.top, ['rev-parse', `${tag}^{commit}`])!, `${tag} (the last release tag reachable from HEAD)`, specDir);
  const previous = lastOtherVersion(repository, currentVersion);
  if (previous !== undefined) {
    const label = `commit ${previous.slice(0, 7)} (no ${RELEASE_TAG_PREFIX}* tag is reachable from HEAD: the newest commit with another version than ${currentVersion})`;
    return checkout(repository, previous, label, specDir);
  }
  if (git(repository.top, ['rev-parse', '--is-shallow-repository']) === 'true') {
    throw new BaseError(
      `this clone is shallow, so the last release cannot be found: fetch the history (git fetch --unshallow --tags) or pass --against <ref>.`,
    );
  }
  return {
    kind: 'none',
    reason: `nothing to compare: no ${RELEASE_TAG_PREFIX}* tag is reachable from HEAD and every earlier commit has version ${currentVersion}.`,
  };
}

function specTree(path: string): Base {
  if (!statSync(path).isDirectory()) throw new BaseError(`${path} is not a directory.`);
  const specDir = existsSync(join(path, SPEC_LAYOUT.openapi)) ? path : join(path, 'spec');
  if (!existsSync(join(specDir, SPEC_LAYOUT.openapi))) throw new BaseError(`${path} holds neither ${SPEC_LAYOUT.openapi} nor spec/${SPEC_LAYOUT.openapi}.`);
  return { kind: 'spec', specDir, label: path, dispose: () => {} };
}

interface Repository {
  readonly top: string;
  /** The spec directory relative to the repository's top, with forward slashes (`spec`). */
  readonly specPath: string;
}

function repositoryOf(specDir: string): Repository {
  const top = git(specDir, ['rev-parse', '--show-toplevel']);
  if (top === undefined) throw new BaseError(`${specDir} is not in a git repository: pass --against <path to a spec directory>.`);
  const specPath = relative(realpathSync(top), realpathSync(specDir)).split(sep).join('/');
  return { top, specPath };
}

/**
 * The newest commit whose spec has another version than `currentVersion`: the version only changes in commits
 * that touch openapi.yaml, so walk those from HEAD; the state just before the newest one that brought the
 * current version is the last state of the previous version.
 */
function lastOtherVersion(repository: Repository, currentVersion: string): string | undefined {
  const openapi = posix.join(repository.specPath, SPEC_LAYOUT.openapi);
  const commits = (git(repository.top, ['log', '--format=%H', 'HEAD', '--', openapi]) ?? '').split('\n').filter((c) => c !== '');
  const index = commits.findIndex((commit) => versionAt(repository, commit, openapi) !== currentVersion);
  if (index === -1) return undefined;
  return git(repository.top, ['rev-parse', '--verify', '--quiet', index === 0 ? 'HEAD^{commit}' : `${commits[index - 1]}^`]);
}

function versionAt(repository: Repository, commit: string, path: string): unknown {
  const text = git(repository.top, ['show', `${commit}:${path}`]);
  try {
    return text === undefined ? undefined : getAtPointer(parse(text), '/info/version');
  } catch {
    return undefined;
  }
}

/** Writes the spec tree of `commit` into a temporary directory named like the spec directory. */
function checkout(repository: Repository, commit: string, label: string, specDir: string): Base {
  const listing = git(repository.top, ['ls-tree', '-r', '-z', '--name-only', commit, '--', repository.specPath === '' ? '.' : `${repository.specPath}/`]);
  const paths = (listing ?? '').split('\u0000').filter((p) => p !== '');
  if (paths.length === 0) throw new BaseError(`${label} has no ${repository.specPath || '.'}/ directory.`);
  const temporary = mkdtempSync(join(tmpdir(), 'iotv1-compat-'));
  const target = join(temporary, basename(specDir));
  for (const path of paths) {
    const file = join(target, posix.relative(repository.specPath, path));
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, execFileSync('git', ['cat-file', 'blob', `${commit}:${path}`], { cwd: repository.top, maxBuffer: 64 * 1024 * 1024 }));
  }
  return { kind: 'spec', specDir: target, label, dispose: () => rmSync(temporary, { recursive: true, force: true }) };
}

/** Runs git; its trimmed output, or `undefined` when it fails. */
function git(cwd: string, args: readonly string[]): string | undefined {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 64 * 1024 * 1024 }).trim();
  } catch {
    return undefined;
  }
}

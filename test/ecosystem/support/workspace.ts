import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const ECOSYSTEM_DIR = join(REPO_ROOT, 'test/ecosystem');
/** Git-ignored; this suite keeps to its own corner of it (another suite uses work/contract). */
const WORK_DIR = join(ECOSYSTEM_DIR, 'work/tools');

/** A binary this package installed (pinned in its package.json), never one from the PATH. */
export function toolBin(name: string): string {
  return join(ECOSYSTEM_DIR, 'node_modules/.bin', name);
}

export function repoPath(repoRelative: string): string {
  return join(REPO_ROOT, repoRelative);
}

/** A path under work/tools (nothing is created). */
export function workPath(...segments: string[]): string {
  const dir = resolve(WORK_DIR, ...segments);
  if (relative(WORK_DIR, dir).startsWith('..')) throw new Error(`${dir} is outside ${WORK_DIR}`);
  return dir;
}

/** An empty directory under work/tools, so that no output of an earlier run can make a check pass. */
export function freshWorkDir(...segments: string[]): string {
  const dir = workPath(...segments);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** The repository-relative paths among `paths` that do not exist. */
export function missingFiles(paths: readonly string[]): string[] {
  return paths.filter((path) => !existsSync(repoPath(path)));
}

import { type Dirent, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import type { GeneratedFile } from '@iotv1/generator-kit';

/** What writing a set of generated files would change on disk. */
export interface WritePlan {
  readonly root: string;
  /** New or different content. */
  readonly changed: readonly GeneratedFile[];
  readonly unchanged: readonly GeneratedFile[];
  /** On disk in an output directory but no longer generated (every file there is generated). */
  readonly removed: readonly string[];
}

/** Compares the generated files with what is on disk in the output directories, which generation owns whole. */
export function planWrite(root: string, outDirs: readonly string[], files: readonly GeneratedFile[]): WritePlan {
  const all = [...files].sort((a, b) => a.path.localeCompare(b.path));
  const changed: GeneratedFile[] = [];
  const unchanged: GeneratedFile[] = [];
  for (const file of all) (readOrUndefined(join(root, file.path)) === file.content ? unchanged : changed).push(file);
  const produced = new Set(all.map((f) => f.path));
  const removed = outDirs
    .flatMap((outDir) => filesUnder(root, outDir))
    .filter((path) => !produced.has(path))
    .sort();
  return { root, changed, unchanged, removed };
}

/**
 * Writes every changed file or none: each goes to a temporary file beside its target first, and only when all of
 * them are written are they renamed into place (a rename within a directory is atomic).
 */
export function applyWrite(plan: WritePlan): void {
  const staged: { temp: string; target: string }[] = [];
  try {
    for (const file of plan.changed) {
      const target = join(plan.root, file.path);
      const temp = `${target}.${process.pid}.tmp`;
      mkdirSync(dirname(target), { recursive: true });
      staged.push({ temp, target });
      writeFileSync(temp, file.content);
    }
  } catch (error) {
    for (const { temp } of staged) rmSync(temp, { force: true });
    throw error;
  }
  for (const { temp, target } of staged) renameSync(temp, target);
  for (const path of plan.removed) rmSync(join(plan.root, path), { force: true });
}

/** Every file under `root/outDir`, relative to `root` with forward slashes; nothing when it does not exist yet. */
function filesUnder(root: string, outDir: string): string[] {
  let entries: Dirent[];
  try {
    entries = readdirSync(join(root, outDir), { withFileTypes: true, recursive: true });
  } catch {
    return [];
  }
  return entries.filter((entry) => entry.isFile()).map((entry) => relative(root, join(entry.parentPath, entry.name)).split('\\').join('/'));
}

function readOrUndefined(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

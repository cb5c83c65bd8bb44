import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { GeneratedFile } from '@iotv1/generator-core';

/** Each output directory lists the files generation owns there, so files it stops producing get removed. */
export const MANIFEST_NAME = '.generated-files';
const MANIFEST_HEADER = '# Files written by `pnpm generate`; they are removed here when the generator stops producing them.\n';

/** What writing a set of generated files would change on disk. */
export interface WritePlan {
  readonly root: string;
  /** New or different content. */
  readonly changed: readonly GeneratedFile[];
  readonly unchanged: readonly GeneratedFile[];
  /** Listed in a manifest but no longer generated. */
  readonly removed: readonly string[];
}

/** Compares the generated files (plus one manifest per output directory) with what is on disk. */
export function planWrite(root: string, outDirs: readonly string[], files: readonly GeneratedFile[]): WritePlan {
  const all = [...files, ...outDirs.map((outDir) => manifestFile(outDir, files))].sort((a, b) => a.path.localeCompare(b.path));
  const changed: GeneratedFile[] = [];
  const unchanged: GeneratedFile[] = [];
  for (const file of all) (readOrUndefined(join(root, file.path)) === file.content ? unchanged : changed).push(file);
  const produced = new Set(all.map((f) => f.path));
  const removed = outDirs
    .flatMap((outDir) => listedIn(join(root, outDir, MANIFEST_NAME)).map((path) => `${outDir}/${path}`))
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

function manifestFile(outDir: string, files: readonly GeneratedFile[]): GeneratedFile {
  const prefix = `${outDir}/`;
  const owned = files.filter((f) => f.path.startsWith(prefix)).map((f) => f.path.slice(prefix.length));
  return {
    path: `${prefix}${MANIFEST_NAME}`,
    content:
      MANIFEST_HEADER +
      [MANIFEST_NAME, ...owned]
        .sort()
        .map((p) => `${p}\n`)
        .join(''),
  };
}

function listedIn(manifestPath: string): string[] {
  const text = readOrUndefined(manifestPath) ?? '';
  return text.split('\n').filter((line) => line !== '' && !line.startsWith('#'));
}

function readOrUndefined(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

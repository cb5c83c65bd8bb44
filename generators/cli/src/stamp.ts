import { createHash } from 'node:crypto';
import { type Dirent, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The no-change fast path. After a successful run, the stamp records a hash of every input (the spec directory
 * and the generators themselves) and of every file written. When neither inputs nor outputs changed since, the
 * next run has nothing to do and skips loading and validating the spec (the AsyncAPI parser alone costs ~1 s).
 */
interface Stamp {
  readonly inputs: string;
  readonly outputs: Readonly<Record<string, string>>;
  /** The directories generation owns whole: a file there that is not an output makes the run stale. */
  readonly outDirs: readonly string[];
}

/** Where the generator packages live (this file is generators/cli/dist/stamp.js). */
const GENERATORS_DIR = fileURLToPath(new URL('../../', import.meta.url));
const GENERATOR_PARTS = ['dist', 'templates', 'package.json'];

export function stampPath(root: string): string {
  return join(root, 'node_modules', '.cache', 'iotv1-generate', 'stamp.json');
}

/**
 * The hash of every input: the spec directory's files, then the generators' (`generators`, by default read now;
 * `--watch` reads them once, as it loads the generators' code once).
 */
export function hashInputs(specDir: string, generators: readonly string[] = generatorParts()): string {
  const parts: string[] = [];
  for (const file of listFiles(specDir)) parts.push(`spec/${relative(specDir, file)}`, sha256(readFileSync(file, 'utf8')));
  return sha256([...parts, ...generators].join('\n'));
}

/** The generators' share of the inputs: each file of their dist/, templates/ and package.json, and its hash. */
export function generatorParts(): string[] {
  const parts: string[] = [];
  for (const generator of readdirSync(GENERATORS_DIR).sort()) {
    for (const part of GENERATOR_PARTS) {
      for (const file of listFiles(join(GENERATORS_DIR, generator, part))) parts.push(relative(GENERATORS_DIR, file), sha256(readFileSync(file, 'utf8')));
    }
  }
  return parts;
}

/** True when the stamp says these inputs produced exactly the files now on disk, and no others. */
export function isUpToDate(root: string, inputs: string): boolean {
  const stamp = readStamp(root);
  if (stamp === undefined || stamp.inputs !== inputs) return false;
  const onDisk = stamp.outDirs.flatMap((outDir) => listFiles(join(root, outDir)));
  if (onDisk.some((file) => !(relative(root, file).split('\\').join('/') in stamp.outputs))) return false;
  return Object.entries(stamp.outputs).every(([path, hash]) => {
    try {
      return sha256(readFileSync(join(root, path), 'utf8')) === hash;
    } catch {
      return false;
    }
  });
}

export function writeStamp(root: string, inputs: string, outDirs: readonly string[], outputs: readonly { path: string; content: string }[]): void {
  const stamp: Stamp = { inputs, outputs: Object.fromEntries(outputs.map((f) => [f.path, sha256(f.content)])), outDirs };
  const path = stampPath(root);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(stamp)}\n`);
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function readStamp(root: string): Stamp | undefined {
  try {
    return JSON.parse(readFileSync(stampPath(root), 'utf8')) as Stamp;
  } catch {
    return undefined;
  }
}

/** Every file under `path` (or `path` itself), sorted; nothing when it does not exist. */
function listFiles(path: string): string[] {
  let entries: Dirent[];
  try {
    entries = readdirSync(path, { withFileTypes: true, recursive: true });
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOTDIR' ? [path] : [];
  }
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Diagnostic } from '@iotv1/generator-kit';
import { getAtPointer, isRecord, SPEC_LAYOUT } from '@iotv1/generator-kit';
import { displayPathOf, loadSourceFile, type SourceCache, type SourceFile } from './source.js';

export { SPEC_LAYOUT };

/** Every file of the spec, loaded, with every `$ref` between them checked. */
export interface SpecFiles {
  readonly specDir: string;
  readonly openapi: SourceFile;
  readonly asyncapi: SourceFile;
  /** `schemas/*.schema.json` plus any other file a `$ref` reaches, sorted by path. */
  readonly schemaFiles: readonly SourceFile[];
  byPath(absolutePath: string): SourceFile | undefined;
  /** Whether the file exists but could not be read or parsed (its own problem is already reported). */
  isBroken(absolutePath: string): boolean;
  resolveRef(ref: string, from: SourceFile): ResolvedRef | UnresolvedRef;
  /** Follows `$ref`s from a node to the node they finally name (a broken one is reported while loading). */
  follow(value: unknown, file: SourceFile, pointer: string): Located;
}

/** A node of the spec with the place it really lives. */
export interface Located {
  readonly value: unknown;
  readonly file: SourceFile;
  readonly pointer: string;
}

export type ResolvedRef = Located;

/** Why a reference does not resolve; `targetBroken` when the file it names has a problem of its own. */
export interface UnresolvedRef {
  readonly error: string;
  readonly targetBroken?: true;
}

/** A `$ref` found while walking, with the place it was found. */
export interface RefSite {
  readonly ref: string;
  readonly from: SourceFile;
  readonly pointer: string;
}

/** `cache` keeps parsed texts from one load to the next (`--watch`): an unchanged file is not parsed again. */
export function loadSpecFiles(specDir: string, cache?: SourceCache): { files?: SpecFiles; diagnostics: Diagnostic[] } {
  const displayRoot = dirname(specDir);
  const diagnostics: Diagnostic[] = [];
  const loaded = new Map<string, SourceFile>();
  const failed = new Set<string>();

  const load = (absolutePath: string): SourceFile | undefined => {
    const existing = loaded.get(absolutePath);
    if (existing !== undefined || failed.has(absolutePath)) return existing;
    const result = loadSourceFile(absolutePath, displayRoot, cache);
    if (!result.ok) {
      failed.add(absolutePath);
      diagnostics.push(...result.diagnostics);
      return undefined;
    }
    loaded.set(absolutePath, result.file);
    return result.file;
  };

  const openapi = load(join(specDir, SPEC_LAYOUT.openapi));
  const asyncapi = load(join(specDir, SPEC_LAYOUT.asyncapi));
  for (const name of listSchemaFiles(join(specDir, SPEC_LAYOUT.schemasDir))) load(join(specDir, SPEC_LAYOUT.schemasDir, name));

  const resolveRef = (ref: string, from: SourceFile): ResolvedRef | UnresolvedRef => {
    const hashAt = ref.indexOf('#');
    const filePart = hashAt === -1 ? ref : ref.slice(0, hashAt);
    const fragment = hashAt === -1 ? '' : decodeURIComponent(ref.slice(hashAt + 1));
    if (/^[a-z][a-z0-9+.-]*:/i.test(filePart)) {
      return { error: `"${ref}" is a remote reference; keep every schema in the spec directory and refer to it by a relative path.` };
    }
    const targetPath = filePart === '' ? from.absolutePath : resolve(dirname(from.absolutePath), filePart);
    if (!existsSync(targetPath)) return { error: `"${ref}" points to ${displayPathOf(targetPath, displayRoot)}, which does not exist.` };
    const target = load(targetPath);
    if (target === undefined) return { error: `"${ref}" points to ${displayPathOf(targetPath, displayRoot)}, which cannot be loaded.`, targetBroken: true };
    if (fragment !== '' && !fragment.startsWith('/')) {
      return {
        error: `"${ref}" names an $anchor, which Redocly, swagger-parser, orval and Prism do not resolve; refer to a whole file or a JSON pointer (#/...).`,
      };
    }
    if (filePart !== '' && fragment !== '') {
      return { error: `"${ref}" points into another file, which orval and the type generators cannot name; refer to the whole file (${filePart}).` };
    }
    const value = getAtPointer(target.data, fragment);
    if (value === undefined) return { error: `"${ref}" points to #${fragment} in ${target.displayPath}, which does not exist.` };
    return { file: target, pointer: fragment, value };
  };

  const follow = (value: unknown, file: SourceFile, pointer: string): Located => {
    for (let hops = 0; isRecord(value) && typeof value.$ref === 'string' && hops < 32; hops++) {
      const target = resolveRef(value.$ref, file);
      if ('error' in target) break;
      ({ value, file, pointer } = target);
    }
    return { value, file, pointer };
  };

  // Resolving loads the files a reference reaches, which may hold references of their own.
  const checked = new Set<string>();
  for (let pending = [...loaded.values()]; pending.length > 0; pending = [...loaded.values()].filter((f) => !checked.has(f.absolutePath))) {
    for (const file of pending) {
      checked.add(file.absolutePath);
      for (const site of refSites(file)) {
        const resolved = resolveRef(site.ref, site.from);
        if ('error' in resolved && resolved.targetBroken === undefined)
          diagnostics.push(at(site.from, site.pointer, `Broken $ref: ${resolved.error}`, 'ref/unresolved'));
      }
    }
  }

  cache?.sweep();
  if (openapi === undefined || asyncapi === undefined) return { diagnostics };
  const schemaFiles = [...loaded.values()].filter((f) => f !== openapi && f !== asyncapi).sort((a, b) => a.displayPath.localeCompare(b.displayPath));
  return {
    files: { specDir, openapi, asyncapi, schemaFiles, byPath: (p) => loaded.get(p), isBroken: (p) => failed.has(p), resolveRef, follow },
    diagnostics,
  };
}

/** A diagnostic at a pointer of a loaded file, with the line filled in. */
export function at(file: SourceFile, pointer: string, message: string, rule: string): Diagnostic {
  const position = file.locate(pointer);
  return { file: file.displayPath, pointer, ...(position && { line: position.line, column: position.column }), message, rule };
}

function listSchemaFiles(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((name) => name.endsWith('.schema.json'))
      .sort();
  } catch {
    return [];
  }
}

/** Example values are data, not spec: a `$ref` key inside them is not a reference. */
export const DATA_KEYS = new Set(['example', 'examples', 'const', 'enum', 'default']);

/** Every `$ref` of a file, with the pointer of the `$ref` itself. */
export function refSites(file: SourceFile): RefSite[] {
  const sites: RefSite[] = [];
  const visit = (node: unknown, pointer: string): void => {
    if (Array.isArray(node)) for (const [i, item] of node.entries()) visit(item, `${pointer}/${i}`);
    if (!isRecord(node)) return;
    if (typeof node.$ref === 'string') sites.push({ ref: node.$ref, from: file, pointer: `${pointer}/$ref` });
    for (const [key, value] of Object.entries(node)) {
      if (!DATA_KEYS.has(key)) visit(value, `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`);
    }
  };
  visit(file.data, '');
  return sites;
}

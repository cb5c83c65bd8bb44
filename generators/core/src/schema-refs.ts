import { basename } from 'node:path';
import type { Diagnostic } from '@iotv1/generator-kit';
import type { SourceFile } from './source.js';
import { at, refSites, SPEC_LAYOUT, type SpecFiles } from './spec-files.js';

/**
 * A `$ref` from a schema file to another resolves against the referring file's `$id` wherever the file is used: in
 * its published copy, in Ajv and in the type generators. Ids are the id base plus the file's name, so the reference
 * must land on `<base><name of the file it names>`; a reference into a subdirectory, or one with a trailing `#`,
 * reaches that file on disk but nothing by id.
 */
export function checkRefsById(files: SpecFiles, file: SourceFile, id: string, base: string): Diagnostic[] {
  return refSites(file).flatMap(({ ref, pointer }) => {
    if (ref.startsWith('#')) return [];
    const target = files.resolveRef(ref, file);
    if ('error' in target) return []; // reported while loading
    const byId = new URL(ref, id).href;
    const targetId = `${base}${basename(target.file.absolutePath)}`;
    if (byId === targetId) return [];
    const message = `"${ref}" resolves against this file's id to ${byId}, but the file it names has the id ${targetId}: keep schema files in ${SPEC_LAYOUT.schemasDir}/ and refer to one by its name alone (for example "${basename(target.file.absolutePath)}").`;
    return [at(file, pointer, message, 'schema/ref-id')];
  });
}

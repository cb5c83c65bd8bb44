import { appendPointer, isRecord } from '@iotv1/generator-kit';
import type { Located, SpecFiles } from './spec-files.js';

/** The codes a body schema lets its `code` member carry: a finite set, or `'any'` when it does not narrow them. */
export type AllowedCodes = ReadonlySet<number> | 'any';

/**
 * What a response body schema says about its `code` member, as a standard JSON Schema validator reads it: a
 * `const` or `enum` of codes narrows them, the registry itself (or nothing) allows any code, and the branches of an
 * `allOf` all apply, so their sets intersect; `undefined` when the schema is a reference that does not resolve.
 * This is what lets Redocly, Prism and type generators tell a 403 that
 * carries 5003 from a correct one, without reading any `x-` key.
 */
export function codesAllowedBy(files: SpecFiles, schema: Located, isRegistry: (node: Located) => boolean): AllowedCodes | undefined {
  const seen = new Set<string>();
  let unresolved = false;
  // `follow` stops at a reference it cannot resolve (reported by the loader): then nothing can be said.
  const isUnresolved = (node: Located): boolean => (unresolved ||= isRecord(node.value) && typeof node.value.$ref === 'string');
  const ofBody = (body: Located): AllowedCodes => {
    const key = `${body.file.absolutePath}#${body.pointer}`;
    if (seen.has(key) || isUnresolved(body) || !isRecord(body.value)) return 'any';
    seen.add(key);
    let allowed = branchesOf(files, body).reduce<AllowedCodes>((acc, branch) => intersect(acc, ofBody(branch)), 'any');
    const properties = body.value.properties;
    if (isRecord(properties) && 'code' in properties) {
      const code = files.follow(properties.code, body.file, appendPointer(body.pointer, 'properties', 'code'));
      allowed = intersect(allowed, ofCode(code));
    }
    return allowed;
  };
  const ofCode = (code: Located): AllowedCodes => {
    if (isRegistry(code) || isUnresolved(code) || !isRecord(code.value)) return 'any';
    let allowed = branchesOf(files, code).reduce<AllowedCodes>((acc, branch) => intersect(acc, ofCode(branch)), 'any');
    if (typeof code.value.const === 'number') allowed = intersect(allowed, new Set([code.value.const]));
    if (Array.isArray(code.value.enum)) allowed = intersect(allowed, new Set(code.value.enum.filter((c): c is number => typeof c === 'number')));
    return allowed;
  };
  const allowed = ofBody(files.follow(schema.value, schema.file, schema.pointer));
  return unresolved ? undefined : allowed;
}

/** The `allOf` branches of a schema, each followed to the node its `$ref`s name. */
export function branchesOf(files: SpecFiles, schema: Located): Located[] {
  const allOf = isRecord(schema.value) && Array.isArray(schema.value.allOf) ? schema.value.allOf : [];
  return allOf.map((branch: unknown, i) => files.follow(branch, schema.file, appendPointer(schema.pointer, 'allOf', i)));
}

function intersect(a: AllowedCodes, b: AllowedCodes): AllowedCodes {
  if (a === 'any') return b;
  if (b === 'any') return a;
  return new Set([...a].filter((code) => b.has(code)));
}

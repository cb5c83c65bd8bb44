import type { ContractModel, SchemaDocument } from '@iotv1/generator-core/kit';
import { schemaDeclarations } from '@iotv1/generator-core/schema-declarations';

/**
 * TypeScript types of every schema file, one declaration per title. A reference to another schema file becomes
 * that file's type name (`tsType`), so each type is declared once (no `Foo1`/`Foo2`), and nothing is fetched.
 */
export async function schemaTypes(model: ContractModel): Promise<string> {
  const byId = new Map(model.schemas.map((s) => [s.id, s]));
  return schemaDeclarations(model.schemas.map((document) => ({ name: String(document.schema.title), schema: forTypes(document.schema, document, byId) })));
}

/**
 * Prepares a schema for json-schema-to-typescript: references to other files become their type names, anchored
 * constants become literals, and the titles of `const` branches (registry messages, not type names) are dropped.
 */
function forTypes(node: unknown, document: SchemaDocument, byId: ReadonlyMap<string, SchemaDocument>): unknown {
  if (Array.isArray(node)) return node.map((item) => forTypes(item, document, byId));
  if (typeof node !== 'object' || node === null) return node;
  const record = node as Record<string, unknown>;
  if (typeof record.$ref === 'string' && !record.$ref.startsWith('#')) return { tsType: externalType(record.$ref, document, byId) };
  const copy = Object.fromEntries(Object.entries(record).map(([key, value]) => [key, key === 'examples' ? value : forTypes(value, document, byId)]));
  if ('const' in copy && record !== document.schema) delete copy.title;
  return copy;
}

function externalType(ref: string, document: SchemaDocument, byId: ReadonlyMap<string, SchemaDocument>): string {
  const [file = '', fragment = ''] = ref.split('#');
  const target = byId.get(new URL(file, document.id).href);
  if (target === undefined) throw new Error(`${document.file}: cannot resolve ${ref}`);
  if (fragment === '') return String(target.schema.title);
  const anchored = findAnchored(target.schema, fragment);
  if (anchored !== undefined && 'const' in anchored) return JSON.stringify(anchored.const);
  throw new Error(`${document.file}: ${ref} names a part of another schema file; refer to a whole file or an anchored constant`);
}

function findAnchored(node: unknown, anchor: string): Record<string, unknown> | undefined {
  if (Array.isArray(node)) {
    for (const item of node) {
      const found = findAnchored(item, anchor);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (typeof node !== 'object' || node === null) return undefined;
  const record = node as Record<string, unknown>;
  if (record.$anchor === anchor) return record;
  for (const value of Object.values(record)) {
    const found = findAnchored(value, anchor);
    if (found !== undefined) return found;
  }
  return undefined;
}

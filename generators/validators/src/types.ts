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
 * Prepares a schema for json-schema-to-typescript: references to other files become their type names, and the
 * titles of `const` branches (registry messages, not type names) are dropped.
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
  // The core refuses a reference between schema files that does not land on a file's id (schema/ref-id): no spec reaches the throw.
  const target = byId.get(new URL(ref, document.id).href);
  if (target === undefined) throw new Error(`${document.file}: cannot resolve ${ref}`);
  return String(target.schema.title);
}

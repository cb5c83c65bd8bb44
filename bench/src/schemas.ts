import type { ContractModel, SchemaDocument } from '@iotv1/generator-kit';

/**
 * A schema file with every reference replaced by what it names, for peers that cannot follow references across
 * files (zod's fromJSONSchema). The spec's schemas are not recursive, so this terminates.
 */
export function bundled(model: ContractModel, id: string): Record<string, unknown> {
  const byId = new Map(model.schemas.map((s) => [s.id, s]));
  const root = byId.get(id);
  if (root === undefined) throw new Error(`no schema ${id}`);
  return inline(root.schema, root, byId) as Record<string, unknown>;
}

function inline(node: unknown, document: SchemaDocument, byId: ReadonlyMap<string, SchemaDocument>): unknown {
  if (Array.isArray(node)) return node.map((item) => inline(item, document, byId));
  if (typeof node !== 'object' || node === null) return node;
  const record = node as Record<string, unknown>;
  if (typeof record.$ref === 'string') {
    const [file = '', fragment = ''] = record.$ref.split('#');
    const target = file === '' ? document : byId.get(new URL(file, document.id).href)!;
    return inline(resolveFragment(target.schema, fragment), target, byId);
  }
  return Object.fromEntries(
    Object.entries(record)
      .filter(([key]) => !key.startsWith('x-') && !['$id', '$schema', '$anchor', '$defs', 'examples'].includes(key))
      .map(([key, value]) => [key, inline(value, document, byId)]),
  );
}

function resolveFragment(schema: unknown, fragment: string): unknown {
  if (fragment === '') return schema;
  if (fragment.startsWith('/')) {
    return fragment
      .slice(1)
      .split('/')
      .reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], schema);
  }
  const found = (function find(node: unknown): unknown {
    if (typeof node !== 'object' || node === null) return undefined;
    if ((node as Record<string, unknown>).$anchor === fragment) return node;
    for (const value of Object.values(node)) {
      const hit = find(value);
      if (hit !== undefined) return hit;
    }
    return undefined;
  })(schema);
  if (found === undefined) throw new Error(`no anchor ${fragment}`);
  return found;
}

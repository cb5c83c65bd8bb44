import type { ContractModel, SchemaDocument } from '@iotv1/generator-core/kit';

/**
 * `$id`s of the schema files the HTTPS operations reach, directly or through other files: these are the components
 * of `paths.ts` (openapi-typescript on the bundled OpenAPI document), which the MQTT types refer to, not redeclare.
 */
export function httpsSchemaIds(model: ContractModel): Set<string> {
  const byId = new Map(model.schemas.map((d) => [d.id, d]));
  const bodies = model.operations.flatMap((o) => [...(o.requestBody === null ? [] : [o.requestBody]), ...o.responses]);
  // An inline body (an error response narrowed to its codes) reaches schema files through its references.
  const roots = bodies.flatMap((body) => (body.schemaId !== null ? [body.schemaId] : refsIn(body.schema).map((ref) => ref.split('#')[0]!)));
  const reached = new Set<string>();
  const visit = (id: string): void => {
    const document = byId.get(id);
    if (reached.has(id) || document === undefined) return;
    reached.add(id);
    for (const ref of refsIn(document.schema)) visit(resolved(ref, document));
  };
  roots.forEach(visit);
  return reached;
}

/** The `$id` of the file a reference names (references within a file resolve to the file itself). */
function resolved(ref: string, from: SchemaDocument): string {
  const file = ref.split('#')[0] ?? '';
  return file === '' ? from.id : new URL(file, from.id).href;
}

function refsIn(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(refsIn);
  if (typeof node !== 'object' || node === null) return [];
  return Object.entries(node).flatMap(([key, value]) => (key === '$ref' && typeof value === 'string' ? [value] : refsIn(value)));
}

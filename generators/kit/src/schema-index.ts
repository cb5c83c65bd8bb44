import type { ContractModel, SchemaDocument } from './model.js';

/** The schema files of a model by `$id`, and the resolution of a reference between them. */
export interface SchemaIndex {
  get(id: string): SchemaDocument;
  /** The `$id` a reference to another file lands on, resolved against the referring file's `$id`. */
  targetOf(ref: string, from: SchemaDocument): string;
  /** The `$id`s of the files `document` refers to, in the order they appear. */
  referencedIds(document: SchemaDocument): string[];
}

export function schemaIndex(model: Pick<ContractModel, 'schemas'>): SchemaIndex {
  const byId = new Map(model.schemas.map((s) => [s.id, s]));
  const get = (id: string): SchemaDocument => {
    const document = byId.get(id);
    // The core refuses a reference between schema files that does not land on a file's id (schema/ref-id): no spec reaches this.
    if (document === undefined) throw new Error(`no schema file has the id ${id}`);
    return document;
  };
  const targetOf = (ref: string, from: SchemaDocument): string => get(new URL(ref, from.id).href).id;
  return {
    get,
    targetOf,
    referencedIds(document) {
      const ids: string[] = [];
      walkExternalRefs(document.schema, (ref) => ids.push(targetOf(ref, document)));
      return ids;
    },
  };
}

/** True for a `$ref` into another file (a reference within the file starts with `#`). */
export function isExternalRef(ref: unknown): ref is string {
  return typeof ref === 'string' && !ref.startsWith('#');
}

function walkExternalRefs(node: unknown, visit: (ref: string) => void): void {
  if (Array.isArray(node)) for (const item of node) walkExternalRefs(item, visit);
  else if (typeof node === 'object' && node !== null) {
    const record = node as Record<string, unknown>;
    if (isExternalRef(record.$ref)) visit(record.$ref);
    for (const [key, value] of Object.entries(record)) if (key !== 'examples') walkExternalRefs(value, visit);
  }
}

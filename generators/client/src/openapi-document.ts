import type { ContractModel, HttpOperation, PortableSchema, SchemaDocument } from '@iotv1/generator-core/kit';

/** Where a schema file or a titled `$defs` entry lives in the rebuilt document. */
const COMPONENT = '#/components/schemas/';

/**
 * The OpenAPI document openapi-typescript reads, rebuilt from the Contract Model (targets never read `spec/`):
 * every schema file the HTTPS operations reach, and every titled `$defs` entry inside one, becomes
 * `components/schemas/<title>`; references to them are rewritten to point there.
 */
export function openApiDocument(model: ContractModel): Record<string, unknown> {
  const schemas = new SchemaIndex(model.schemas);
  const reached = httpsSchemaIds(model, schemas);
  const components: Record<string, unknown> = {};
  for (const document of model.schemas.filter((d) => reached.has(d.id))) {
    for (const [title, schema] of schemas.componentsOf(document)) {
      if (title in components) throw new Error(`${document.file}: two schemas are titled ${title}; give them distinct titles`);
      components[title] = schema;
    }
  }
  const paths: Record<string, Record<string, unknown>> = {};
  for (const operation of model.operations) {
    const item = paths[operation.path] ?? {};
    item[operation.method.toLowerCase()] = operationObject(operation, (schema) => schemas.portable(schema));
    paths[operation.path] = item;
  }
  return {
    openapi: '3.1.0',
    info: { title: model.http.title, version: model.version },
    paths,
    components: {
      schemas: Object.fromEntries(Object.entries(components).sort(([a], [b]) => (a < b ? -1 : 1))),
      securitySchemes: Object.fromEntries(
        model.http.securitySchemes.map((s) => [s.name, { type: s.type, ...(s.scheme !== '' && { scheme: s.scheme }), description: s.description }]),
      ),
    },
  };
}

/** `$id`s of the schema files the HTTPS operations reach, directly or through other files. */
export function httpsSchemaIds(model: ContractModel, schemas = new SchemaIndex(model.schemas)): Set<string> {
  const bodies = model.operations.flatMap((o) => [...(o.requestBody === null ? [] : [o.requestBody]), ...o.responses]);
  // An inline body (an error response narrowed to its codes) reaches schema files through its references.
  const roots = bodies.flatMap((body) => (body.schemaId !== null ? [body.schemaId] : refsIn(body.schema).map((ref) => ref.split('#')[0]!)));
  return schemas.closure(roots);
}

function operationObject(operation: HttpOperation, portable: (schema: PortableSchema) => unknown): Record<string, unknown> {
  const body = operation.requestBody;
  return {
    operationId: operation.operationId,
    summary: operation.summary,
    ...(operation.description !== '' && { description: operation.description.trim() }),
    parameters: operation.parameters.map((p) => ({
      name: p.name,
      in: p.in,
      required: p.required,
      description: p.description,
      schema: portable(p.schema),
    })),
    ...(body !== null && { requestBody: { required: body.required, content: { [body.mediaType]: { schema: portable(body.schema) } } } }),
    responses: Object.fromEntries(
      operation.responses.map((r) => [
        String(r.status),
        {
          description: r.description,
          ...(r.headers.length > 0 && {
            headers: Object.fromEntries(r.headers.map((h) => [h.name, { required: h.required, description: h.description, schema: portable(h.schema) }])),
          }),
          content: { [r.mediaType]: { schema: portable(r.schema) } },
        },
      ]),
    ),
  };
}

/** The schema files by `$id`, and the rewriting of their references into the document. */
export class SchemaIndex {
  readonly #byId: ReadonlyMap<string, SchemaDocument>;

  constructor(documents: readonly SchemaDocument[]) {
    this.#byId = new Map(documents.map((d) => [d.id, d]));
  }

  /** The schema files `roots` reach, themselves included. */
  closure(roots: readonly string[]): Set<string> {
    const reached = new Set<string>();
    const visit = (id: string): void => {
      if (reached.has(id)) return;
      reached.add(id);
      const document = this.#document(id);
      for (const ref of refsIn(document.schema)) {
        const target = this.#resolve(ref, document).id;
        if (target !== id) visit(target);
      }
    };
    roots.forEach(visit);
    return reached;
  }

  /** The components a schema file contributes: itself under its title, and each `$defs` entry. */
  componentsOf(document: SchemaDocument): [string, unknown][] {
    const { $defs, ...schema } = document.schema as Record<string, unknown>;
    const entries: [string, unknown][] = [[String(schema.title), this.#rewrite(schema, document)]];
    for (const [name, definition] of Object.entries(($defs ?? {}) as Record<string, Record<string, unknown>>)) {
      entries.push([titleOfDefinition(document, name, definition), this.#rewrite(definition, document)]);
    }
    return entries;
  }

  /** A schema of the model (whose references are `$id`s) with its references pointing into the document. */
  portable(schema: PortableSchema): unknown {
    return typeof schema === 'boolean' ? schema : this.#rewrite(schema, undefined);
  }

  #document(id: string): SchemaDocument {
    const document = this.#byId.get(id);
    if (document === undefined) throw new Error(`no schema file has the $id ${id}`);
    return document;
  }

  /** The schema file a reference names, resolved against the file it appears in. */
  #resolve(ref: string, from: SchemaDocument | undefined): { id: string; fragment: string } {
    const [file = '', fragment = ''] = ref.split('#');
    const id = file === '' ? (from?.id ?? '') : new URL(file, from?.id).href;
    this.#document(id);
    return { id, fragment };
  }

  #rewrite(node: unknown, from: SchemaDocument | undefined): unknown {
    if (Array.isArray(node)) return node.map((item) => this.#rewrite(item, from));
    if (typeof node !== 'object' || node === null) return node;
    const { $ref, $id, $schema, $anchor, examples, ...rest } = node as Record<string, unknown>;
    const copy = Object.fromEntries(Object.entries(rest).map(([key, value]) => [key, this.#rewrite(value, from)]));
    // A `const` branch's title is a registry message, not a type name.
    if ('const' in copy) delete copy.title;
    if (typeof $ref !== 'string') return copy;
    return { ...copy, ...this.#target($ref, from) };
  }

  /** What a reference becomes: a component reference. */
  #target(ref: string, from: SchemaDocument | undefined): Record<string, unknown> {
    const { id, fragment } = this.#resolve(ref, from);
    const document = this.#document(id);
    if (fragment === '') return { $ref: `${COMPONENT}${String(document.schema.title)}` };
    const definition = /^\/\$defs\/([^/]+)$/.exec(fragment)?.[1];
    const defs = (document.schema.$defs ?? {}) as Record<string, Record<string, unknown>>;
    if (definition !== undefined && defs[definition] !== undefined) {
      return { $ref: `${COMPONENT}${titleOfDefinition(document, definition, defs[definition])}` };
    }
    throw new Error(`${document.file}: cannot place the reference ${ref}; refer to a whole file or a titled $defs entry`);
  }
}

function titleOfDefinition(document: SchemaDocument, name: string, definition: Record<string, unknown>): string {
  if (typeof definition.title !== 'string') throw new Error(`${document.file}: $defs/${name} needs a title, the name of its type`);
  return definition.title;
}

function refsIn(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(refsIn);
  if (typeof node !== 'object' || node === null) return [];
  return Object.entries(node).flatMap(([key, value]) => (key === '$ref' && typeof value === 'string' ? [value] : refsIn(value)));
}

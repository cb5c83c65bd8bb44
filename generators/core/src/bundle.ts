import { join } from 'node:path';
import type { BundledDocuments, Diagnostic } from '@iotv1/generator-kit';
import { appendPointer, isRecord } from '@iotv1/generator-kit';
import { sortedKeys, withSortedRegistry } from './registry-schema.js';
import { withId } from './schemas.js';
import type { SourceFile } from './source.js';
import { at, SPEC_LAYOUT, type SpecFiles } from './spec-files.js';

/** Where a bundled document keeps the schemas it takes in: the same place in OpenAPI 3.1 and AsyncAPI 3. */
const COMPONENT_SCHEMAS = '/components/schemas';

/** Top-level fields in the order their specifications list them, so that a bundle reads like the source. */
const TOP_LEVEL_ORDER = [
  'openapi',
  'asyncapi',
  'id',
  'info',
  'jsonSchemaDialect',
  'servers',
  'defaultContentType',
  'security',
  'tags',
  'paths',
  'channels',
  'operations',
  'webhooks',
  'components',
];

/**
 * The specs as single documents whose every `$ref` is internal (for Swagger UI, Postman, Prism, code generators
 * that take one file): each schema file, and each `$defs` entry of one, becomes `components/schemas/<title>`.
 * `$schema` is dropped there: the document's dialect applies.
 * Keys are sorted and the registry is in code order, so that how the spec is written changes no byte.
 */
export function bundleDocuments(files: SpecFiles, idOf: (file: SourceFile) => string | undefined): { bundles?: BundledDocuments; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const openapi = new DocumentBundler(files, files.openapi, diagnostics).bundle();
  const asyncapi = new DocumentBundler(files, files.asyncapi, diagnostics).bundle();
  // Published on their own, the schema files carry their ids, so that they reference each other by them. (A file
  // without an id has a problem of its own, and then no bundle is made.)
  const schemas = files.schemaFiles.flatMap((file) => {
    const id = idOf(file);
    return id === undefined
      ? []
      : [{ file: file.displayPath.replace(/^[^/]+\//, ''), schema: sortedKeys(withId(normalised(files, file) as Record<string, unknown>, id)) }];
  });
  if (diagnostics.length > 0) return { diagnostics };
  return { bundles: { openapi, asyncapi, schemas }, diagnostics };
}

class DocumentBundler {
  /** Component name by the place (file and pointer) of the schema it holds. */
  readonly #names = new Map<string, string>();
  /** Where each component comes from, for a clash of titles. */
  readonly #sources = new Map<string, string>();
  readonly #components = new Map<string, unknown>();

  constructor(
    private readonly files: SpecFiles,
    private readonly document: SourceFile,
    private readonly diagnostics: Diagnostic[],
  ) {}

  bundle(): Record<string, unknown> {
    const body = this.#rewrite(this.document.data, this.document, 'spec') as Record<string, unknown>;
    const components = isRecord(body.components) ? body.components : {};
    const own = isRecord(components.schemas) ? components.schemas : {};
    for (const [name, schema] of this.#components) {
      if (name in own) this.#clash(name, `${this.document.displayPath} already has components/schemas/${name}`);
      else own[name] = schema;
    }
    if (Object.keys(own).length > 0) body.components = { ...components, schemas: own };
    const sorted = sortedKeys(body) as Record<string, unknown>;
    const rank = (key: string): number => (TOP_LEVEL_ORDER.includes(key) ? TOP_LEVEL_ORDER.indexOf(key) : TOP_LEVEL_ORDER.length);
    return Object.fromEntries(Object.entries(sorted).sort(([a], [b]) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0)));
  }

  /**
   * Copies a node with its references made internal. `mode` says what the node is: part of the spec document,
   * a schema, or example data (copied as it is: a `$ref` key in an example is data).
   */
  #rewrite(node: unknown, from: SourceFile, mode: Mode): unknown {
    if (mode === 'data') return node;
    if (Array.isArray(node)) return node.map((item) => this.#rewrite(item, from, mode));
    if (!isRecord(node)) return node;
    const copy: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') copy.$ref = this.#target(value, from);
      else copy[key] = this.#rewrite(value, from, childMode(mode, key, value));
    }
    return copy;
  }

  /** The internal reference for `ref`: unchanged within the document, else the component holding its target. */
  #target(ref: string, from: SourceFile): string {
    const resolved = this.files.resolveRef(ref, from);
    if ('error' in resolved) return ref; // reported by the loader; a bundle is only made of a valid spec
    if (resolved.file === this.document) return `#${resolved.pointer}`;
    const key = `${resolved.file.absolutePath}#${resolved.pointer}`;
    const placed = this.#names.get(key);
    if (placed !== undefined) return `#${appendPointer(COMPONENT_SCHEMAS, placed)}`;
    if (resolved.pointer === '') {
      this.#placeFile(resolved.file);
      return `#${appendPointer(COMPONENT_SCHEMAS, this.#names.get(key)!)}`;
    }
    const name = this.#place(key, resolved.file, resolved.pointer, resolved.value);
    return `#${appendPointer(COMPONENT_SCHEMAS, name)}`;
  }

  /** A schema file and every `$defs` entry of it, each as a component of its own. */
  #placeFile(file: SourceFile): void {
    const { $schema: _schema, $defs, ...schema } = normalised(this.files, file) as Record<string, unknown>;
    this.#place(`${file.absolutePath}#`, file, '', schema);
    for (const [defName, definition] of Object.entries(isRecord($defs) ? $defs : {})) {
      const pointer = appendPointer('/$defs', defName);
      if (!this.#names.has(`${file.absolutePath}#${pointer}`)) this.#place(`${file.absolutePath}#${pointer}`, file, pointer, definition);
    }
  }

  #place(key: string, file: SourceFile, pointer: string, value: unknown): string {
    const name = componentName(file, pointer, value);
    const source = `${file.displayPath}#${pointer}`;
    const taken = this.#sources.get(name);
    if (taken !== undefined) this.#clash(name, `${source} and ${taken} are both titled ${name}`);
    this.#names.set(key, name);
    this.#sources.set(name, source);
    this.#components.set(name, this.#rewrite(value, file, 'schema'));
    return name;
  }

  #clash(name: string, why: string): void {
    const message = `The bundled document needs one component per schema title, but ${why}; give one of them another title.`;
    this.diagnostics.push(at(this.document, COMPONENT_SCHEMAS, `${message} (${name})`, 'bundle/title'));
  }
}

/** What a node is: part of the spec document, a schema, a map of named schemas, or example data. */
type Mode = 'spec' | 'schema' | 'schemaMap' | 'data';

/** What the child of a `mode` node under `key` is. */
function childMode(mode: Mode, key: string, value: unknown): Mode {
  if (mode === 'schemaMap') return 'schema';
  if (key === 'example' || key === 'const' || key === 'enum' || key === 'default') return 'data';
  if (mode === 'schema') return SCHEMA_MAPS.has(key) ? 'schemaMap' : key === 'examples' ? 'data' : 'schema';
  if (key === 'schema' || key === 'payload') return 'schema';
  if (key === 'schemas') return 'schemaMap';
  // An OpenAPI `examples` map holds Example Objects, whose `value` is data; AsyncAPI's `examples` is a list of data.
  if (key === 'examples') return Array.isArray(value) ? 'data' : 'spec';
  return key === 'value' ? 'data' : 'spec';
}

/** JSON Schema keywords whose value maps names to schemas. */
const SCHEMA_MAPS = new Set(['properties', 'patternProperties', '$defs', 'dependentSchemas']);

/** A schema file as published: the registry in code order. */
function normalised(files: SpecFiles, file: SourceFile): unknown {
  return file.absolutePath === join(files.specDir, SPEC_LAYOUT.registry) ? withSortedRegistry(file.data) : sortedKeys(file.data);
}

/** The title names the type in every code generator; a `$defs` entry without one is named by its key. */
function componentName(file: SourceFile, pointer: string, value: unknown): string {
  if (isRecord(value) && typeof value.title === 'string' && /^[A-Za-z][A-Za-z0-9_]*$/.test(value.title)) return value.title;
  const last = pointer === '' ? file.displayPath.replace(/^.*\//, '').replace(/\.schema\.json$|\.json$/, '') : pointer.replace(/^.*\//, '');
  return last.replace(/(^|[^A-Za-z0-9]+)([A-Za-z0-9])/g, (_m, _sep, c: string) => c.toUpperCase());
}

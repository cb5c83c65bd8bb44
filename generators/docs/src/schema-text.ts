import { getAtPointer, type PortableSchema, type SchemaDocument } from '@iotv1/generator-kit';
import { href, schemaId } from './anchors.js';
import { code, type Inline, link, prose, text } from './inline.js';

/** One row of a field table: a property, with its nested properties flattened as `config.revision`, `readings[].feed`. */
export interface Field {
  readonly name: string;
  readonly type: Inline;
  readonly required: boolean;
  readonly description: Inline;
}

type Json = Readonly<Record<string, unknown>>;

/** Where `$ref`s are resolved: the schema files by `$id`, and the file the schema at hand belongs to (if any). */
export interface SchemaScope {
  readonly files: ReadonlyMap<string, SchemaDocument>;
  readonly base: SchemaDocument | null;
}

type Target =
  | { readonly kind: 'inline'; readonly schema: PortableSchema; readonly scope: SchemaScope }
  | { readonly kind: 'file'; readonly file: SchemaDocument }
  | { readonly kind: 'unresolved'; readonly ref: string };

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** What a `$ref` points at: a part of the same file is shown inline, another file is linked. */
function resolve(ref: string, scope: SchemaScope): Target {
  const url = URL.canParse(ref, scope.base?.id) ? new URL(ref, scope.base?.id) : null;
  if (url === null) return { kind: 'unresolved', ref };
  const fragment = decodeURIComponent(url.hash.slice(1));
  url.hash = '';
  const file = scope.files.get(url.href);
  if (file === undefined) return { kind: 'unresolved', ref };
  if (fragment === '') return file === scope.base ? { kind: 'inline', schema: file.schema, scope } : { kind: 'file', file };
  const schema = fragment.startsWith('/') ? getAtPointer(file.schema, fragment) : undefined;
  return isObject(schema) || typeof schema === 'boolean' ? { kind: 'inline', schema, scope: { ...scope, base: file } } : { kind: 'unresolved', ref };
}

/** A schema with same-file references followed, so that `#/$defs/Reading` shows as the object it names. */
function followLocal(schema: PortableSchema, scope: SchemaScope): { schema: PortableSchema; scope: SchemaScope } {
  if (!isObject(schema) || typeof schema.$ref !== 'string') return { schema, scope };
  const target = resolve(schema.$ref, scope);
  return target.kind === 'inline' ? followLocal(target.schema, target.scope) : { schema, scope };
}

/** A short type: `string (1–64 characters)`, `array of Reading`, a link to another schema file, `always 2000`. */
export function typeText(schema: PortableSchema, scope: SchemaScope): Inline {
  if (typeof schema === 'boolean') return [text(schema ? 'any value' : 'no value')];
  if (typeof schema.$ref === 'string') {
    const target = resolve(schema.$ref, scope);
    switch (target.kind) {
      case 'inline':
        return typeText(target.schema, target.scope);
      case 'file':
        return [link(str(target.file.schema.title) ?? target.file.file, href(schemaId(target.file)))];
      case 'unresolved':
        return [code(target.ref)];
    }
  }
  if ('const' in schema) return [code(JSON.stringify(schema.const))];
  if (Array.isArray(schema.enum)) return alternatives(schema.enum.map((value) => [code(JSON.stringify(value))]));
  const choices = schema.anyOf ?? schema.oneOf;
  if (Array.isArray(choices)) return alternatives(choices.map((choice) => typeText(choice as PortableSchema, scope)));
  const types = Array.isArray(schema.type) ? schema.type.map(String) : typeof schema.type === 'string' ? [schema.type] : [];
  const title = str(schema.title);
  const name: Inline =
    types.length === 1 && types[0] === 'array'
      ? [text('array of '), ...(schema.items === undefined ? [text('any value')] : typeText(schema.items as PortableSchema, scope))]
      : types.length === 1 && types[0] === 'object' && title !== null
        ? [text(title)]
        : [text(types.length === 0 ? 'any value' : types.join(' or '))];
  const limits = constraints(schema);
  return limits.length === 0 ? name : [...name, text(' ('), ...limits.flatMap((limit, i) => (i === 0 ? limit : [text(', '), ...limit])), text(')')];
}

function alternatives(choices: readonly Inline[]): Inline {
  return choices.flatMap((choice, i) => (i === 0 ? choice : [text(' or '), ...choice]));
}

function range(min: unknown, max: unknown, unit: string): string | null {
  const lo = typeof min === 'number' ? min : null;
  const hi = typeof max === 'number' ? max : null;
  if (lo !== null && hi !== null) return `${lo}–${hi}${unit}`;
  if (lo !== null) return `at least ${lo}${unit}`;
  return hi === null ? null : `at most ${hi}${unit}`;
}

/** The limits a reader needs, in words; the JSON Schema file stays the exact statement. */
function constraints(schema: Json): Inline[] {
  const limits: Inline[] = [];
  const add = (value: string | null): void => {
    if (value !== null) limits.push([text(value)]);
  };
  add(range(schema.minLength, schema.maxLength, ' characters'));
  add(range(schema.minimum, schema.maximum, ''));
  add(range(schema.minItems, schema.maxItems, ' items'));
  if (schema.uniqueItems === true) add('no duplicates');
  if (typeof schema.format === 'string') limits.push([text('format '), code(schema.format)]);
  if (typeof schema.pattern === 'string') limits.push([text('pattern '), code(schema.pattern)]);
  return limits;
}

/** A schema's own description, or that of the file it refers to. */
export function descriptionOf(schema: PortableSchema, scope: SchemaScope): string {
  if (typeof schema === 'boolean') return '';
  const own = str(schema.description);
  if (own !== null || typeof schema.$ref !== 'string') return own ?? '';
  const target = resolve(schema.$ref, scope);
  if (target.kind === 'file') return str(target.file.schema.description) ?? '';
  return target.kind === 'inline' ? descriptionOf(target.schema, target.scope) : '';
}

/**
 * The properties of an object schema, nested objects and arrays of objects flattened under their parent. `trail`
 * holds the objects already being listed, so that a recursive schema is listed once instead of forever.
 */
export function fieldsOf(root: PortableSchema, scope: SchemaScope, prefix = '', trail: ReadonlySet<Json> = new Set()): Field[] {
  const { schema, scope: inner } = followLocal(root, scope);
  if (!isObject(schema) || !isObject(schema.properties) || trail.has(schema)) return [];
  const within = new Set([...trail, schema]);
  const required = Array.isArray(schema.required) ? schema.required : [];
  return Object.entries(schema.properties).flatMap(([name, property]) => {
    const path = `${prefix}${name}`;
    const value = property as PortableSchema;
    const row: Field = { name: path, type: typeText(value, inner), required: required.includes(name), description: prose(descriptionOf(value, inner)) };
    const followed = followLocal(value, inner);
    const items = isObject(followed.schema) && followed.schema.type === 'array' ? (followed.schema.items as PortableSchema | undefined) : undefined;
    const nested = items === undefined ? fieldsOf(value, inner, `${path}.`, within) : fieldsOf(items, followed.scope, `${path}[].`, within);
    return [row, ...nested];
  });
}

/** Whether an object schema refuses properties it does not list. */
export function isClosed(schema: PortableSchema): boolean {
  return isObject(schema) && schema.additionalProperties === false;
}

/** The `examples` of a schema file. */
export function schemaExamples(file: SchemaDocument): readonly unknown[] {
  return Array.isArray(file.schema.examples) ? file.schema.examples : [];
}

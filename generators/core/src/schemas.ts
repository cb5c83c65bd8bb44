import { basename, relative, sep } from 'node:path';
import type { Diagnostic } from '@iotv1/generator-kit';
import { type Ajv, ANNOTATION_KEYWORDS, createAjv, isRecord, type PortableSchema, type SchemaDocument, walk } from '@iotv1/generator-kit';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import { summariseAjvErrors } from './ajv-errors.js';
import { registryForValidation } from './registry-schema.js';
import { checkRefsById } from './schema-refs.js';
import type { SourceFile } from './source.js';
import { at, SPEC_LAYOUT, type SpecFiles } from './spec-files.js';

/** The JSON Schemas of the spec, compiled once, for checking examples and inline schemas. */
export interface SchemaSet {
  readonly documents: readonly SchemaDocument[];
  /** `$id` of a schema file, by absolute path. */
  idOf(file: SourceFile): string | undefined;
  /** A schema of `file` made self-contained: file references become `$id`s, references into spec documents are inlined. */
  portable(schema: unknown, file: SourceFile): PortableSchema;
  /** Checks that a schema found at `schemaPointer` in `file` (a schema file or an inline schema of a spec) compiles. */
  checkSchema(file: SourceFile, schemaPointer: string, schema: unknown): Diagnostic[];
  /**
   * Checks `value` against a schema found at `schemaPointer` in `file` (a schema file or an inline schema of a
   * spec) and reports each mismatch at `valuePointer`, as `what` (an example, by default).
   */
  checkExample(
    file: SourceFile,
    schemaPointer: string,
    schema: unknown,
    value: unknown,
    valueFile: SourceFile,
    valuePointer: string,
    what?: ValueKind,
  ): Diagnostic[];
}

/** Schema titles become type and validator names in every target language. */
const TYPE_NAME = /^[A-Z][A-Za-z0-9]*$/;

/** What a checked value is, for the message and the rule id. */
export interface ValueKind {
  readonly label: string;
  readonly rule: string;
}

const EXAMPLE: ValueKind = { label: 'The example', rule: 'example/invalid' };

export function loadSchemaSet(files: SpecFiles): { schemas: SchemaSet; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const ajv = createAjv({ allErrors: true });
  ajv.addVocabulary(annotationKeywords([files.openapi, files.asyncapi, ...files.schemaFiles]));

  const ids = new Map<string, string>();
  const documents: SchemaDocument[] = [];
  // Without a declared base the spec is refused; a stand-in keeps the other checks from reporting every file as missing.
  const base = readIdBase(files, diagnostics) ?? 'https://schema-id-base.invalid/';
  for (const file of files.schemaFiles) {
    const name = basename(file.absolutePath);
    if (isRecord(file.data) && '$id' in file.data) {
      const message = `Leave "$id" out: tools resolve a file's relative $refs against it, and nobody serves that address (Redocly cannot check examples, Prism skips responses). The file's id is "x-schema-id-base" (${SPEC_LAYOUT.openapi}) plus its name, written into its published copy (@iotv1/spec).`;
      diagnostics.push(at(file, '/$id', message, 'schema/id'));
      continue;
    }
    const id = `${base}${name}`;
    const title = isRecord(file.data) ? file.data.title : undefined;
    const sameTitle = typeof title === 'string' ? documents.find((d) => d.schema.title === title) : undefined;
    if (typeof title !== 'string' || !TYPE_NAME.test(title)) {
      diagnostics.push(
        at(
          file,
          '/title',
          'The schema needs a "title" in PascalCase (for example "FeedDataAck"): generators name its type and validator after it.',
          'schema/title',
        ),
      );
      continue;
    }
    if (sameTitle !== undefined) {
      diagnostics.push(at(file, '/title', `The title "${title}" is already used by ${sameTitle.file}; every schema file needs its own.`, 'schema/title'));
      continue;
    }
    const schema = withId(file.data as Record<string, unknown>, id);
    try {
      ajv.addSchema((file.displayPath.endsWith(SPEC_LAYOUT.registry) ? registryForValidation(schema) : schema) as object);
    } catch (error) {
      diagnostics.push(at(file, '', `The schema cannot be loaded: ${sentence((error as Error).message)}.`, 'schema/invalid'));
      continue;
    }
    ids.set(file.absolutePath, id);
    diagnostics.push(...checkRefsById(files, file, id, base));
    documents.push({ id, file: relative(files.specDir, file.absolutePath).split(sep).join('/'), schema });
  }
  for (const document of documents) {
    const file = files.schemaFiles.find((f) => ids.get(f.absolutePath) === document.id)!;
    try {
      ajv.getSchema(document.id);
    } catch (error) {
      diagnostics.push(...compileProblems(file, '', file.data, error as Error));
    }
  }

  const idOf = (file: SourceFile): string | undefined => ids.get(file.absolutePath);
  const compiled = new Map<string, ValidateFunction | Error>();
  const compile = (file: SourceFile, schemaPointer: string, schema: unknown): ValidateFunction | Error => {
    const key = `${file.absolutePath}#${schemaPointer}`;
    let validate = compiled.get(key);
    if (validate === undefined) {
      const id = idOf(file);
      try {
        validate = id !== undefined ? compileAt(ajv, id, schemaPointer) : ajv.compile(inlineForAjv(schema, file, files, idOf) as object);
      } catch (error) {
        validate = error as Error;
      }
      compiled.set(key, validate);
    }
    return validate;
  };

  /** How a message names a schema: its file, or where it sits inline. */
  const nameOf = (file: SourceFile, pointer: string, schema: unknown): string => {
    const target = isRecord(schema) && typeof schema.$ref === 'string' ? files.resolveRef(schema.$ref, file) : undefined;
    const [named, at_] = target !== undefined && !('error' in target) ? [target.file, target.pointer] : [file, pointer];
    return at_ === '' ? named.displayPath : `${named.displayPath}#${at_}`;
  };

  return {
    diagnostics,
    schemas: {
      documents: documents.sort((a, b) => a.id.localeCompare(b.id)),
      idOf,
      portable(schema, file) {
        try {
          return inlineForAjv(schema, file, files, idOf) as PortableSchema;
        } catch {
          return true; // the broken reference is reported while loading; no model is built from this spec
        }
      },
      checkSchema(file, schemaPointer, schema) {
        const validate = compile(file, schemaPointer, schema);
        return validate instanceof Error ? compileProblems(file, schemaPointer, schema, validate) : [];
      },
      checkExample(file, schemaPointer, schema, value, valueFile, valuePointer, what = EXAMPLE) {
        const validate = compile(file, schemaPointer, schema);
        if (validate instanceof Error) return compileProblems(file, schemaPointer, schema, validate);
        if (validate(value)) return [];
        const schemaName = nameOf(file, schemaPointer, schema);
        return summariseAjvErrors(validate.errors ?? []).map((p) =>
          at(
            valueFile,
            valuePointer + p.instancePath,
            `${what.label} does not match ${schemaName}: ${p.instancePath === '' ? 'the value' : p.instancePath} ${p.message}.`,
            what.rule,
          ),
        );
      },
    },
  };
}

/** Where the OpenAPI document says the schema files are published: the base of their ids. */
const ID_BASE_KEY = 'x-schema-id-base';

function readIdBase(files: SpecFiles, diagnostics: Diagnostic[]): string | undefined {
  const base = isRecord(files.openapi.data) ? files.openapi.data[ID_BASE_KEY] : undefined;
  if (typeof base === 'string' && URL.canParse(base) && base.endsWith('/')) return base;
  const message = `${SPEC_LAYOUT.openapi} needs "${ID_BASE_KEY}": the URL the schema files are published under, ending in "/" (for example "https://schemas.example.com/iot/v1/"); each file's id is that base plus its name.`;
  diagnostics.push(at(files.openapi, base === undefined ? '' : `/${ID_BASE_KEY}`, message, 'schema/id'));
  return undefined;
}

/** A schema file as published and as the model holds it: with its `$id`, after `$schema`. */
export function withId(data: Record<string, unknown>, id: string): Record<string, unknown> {
  const { $schema, ...rest } = data;
  return { ...($schema !== undefined && { $schema }), $id: id, ...rest };
}

/** Why a schema does not compile, at the keyword when the schema itself holds it. */
function compileProblems(file: SourceFile, schemaPointer: string, schema: unknown, error: Error): Diagnostic[] {
  if (isReportedElsewhere(error)) return [];
  const message = sentence(error.message);
  return [at(file, schemaPointer + pointerOfKeyword(schema, message), `The schema does not compile: ${message}.`, 'schema/invalid')];
}

/** Thrown for a `$ref` that does not resolve: loading already reported it at the reference. */
class ReportedElsewhere extends Error {}

/**
 * Ajv's "can't resolve reference" repeats what loading reported at the reference (or at the broken file), or the
 * reference check by id (schema-refs.ts); its "unknown format" what the support check reports at the format.
 */
function isReportedElsewhere(error: unknown): boolean {
  if (error instanceof ReportedElsewhere) return true;
  return error instanceof Error && (error.message.startsWith("can't resolve reference") || error.message.startsWith('unknown format'));
}

function sentence(message: string): string {
  return message.replace(/\.$/, '');
}

function compileAt(ajv: Ajv, id: string, pointer: string): ValidateFunction {
  const validate = ajv.getSchema(pointer === '' ? id : `${id}#${pointer}`);
  if (validate === undefined) throw new Error(`no schema at ${id}#${pointer}`);
  return validate;
}

/** Keywords such as `x-category` are annotations of this spec; Ajv's strict mode must know them. */
function annotationKeywords(files: readonly SourceFile[]): string[] {
  const keywords = new Set<string>(ANNOTATION_KEYWORDS);
  for (const file of files) {
    walk(file.data, (node) => {
      if (isRecord(node)) for (const key of Object.keys(node)) if (key.startsWith('x-')) keywords.add(key);
    });
  }
  return [...keywords].sort();
}

/** Ajv reports an unknown keyword by name only; find where it is. */
function pointerOfKeyword(root: unknown, message: string): string {
  const keyword = /unknown keyword: "([^"]+)"/.exec(message)?.[1];
  let found = '';
  if (keyword !== undefined) {
    walk(root, (node, pointer) => {
      if (found === '' && isRecord(node) && Object.hasOwn(node, keyword)) found = `${pointer}/${keyword}`;
    });
  }
  return found;
}

/**
 * An inline schema of OpenAPI or AsyncAPI, made self-contained for Ajv: references to schema files become their
 * `$id`, references inside the spec document are inlined.
 */
function inlineForAjv(schema: unknown, from: SourceFile, files: SpecFiles, idOf: (file: SourceFile) => string | undefined, depth = 0): unknown {
  if (depth > 32) throw new Error('the schema references itself through the spec document; move it into a schema file');
  if (Array.isArray(schema)) return schema.map((item) => inlineForAjv(item, from, files, idOf, depth));
  if (!isRecord(schema)) return schema;
  if (typeof schema.$ref === 'string') {
    const target = files.resolveRef(schema.$ref, from);
    if ('error' in target) throw new ReportedElsewhere(target.error);
    const id = idOf(target.file);
    if (id !== undefined) return { $ref: target.pointer === '' ? id : `${id}#${target.pointer}` };
    return inlineForAjv(target.value, target.file, files, idOf, depth + 1);
  }
  return Object.fromEntries(
    Object.entries(schema).map(([key, value]) => [key, key === 'example' || key === 'examples' ? value : inlineForAjv(value, from, files, idOf, depth)]),
  );
}

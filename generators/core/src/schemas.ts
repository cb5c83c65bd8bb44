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

/**
 * What Ajv made of the spec's schemas in one load, kept for the next (`--watch`). A load that adds the same schemas
 * (by content, in the same order) with the same annotation keywords reuses the Ajv instance, its compiled schema files
 * and the inline schemas it compiled (by content), and so reaches the same verdicts; any other load starts a new
 * instance. Building one (its meta-schema compiled) costs tens of milliseconds: `prepare` does it ahead, while idle.
 */
export class SchemaSetCache {
  #state: AjvState | undefined;
  #spare: Ajv | undefined;

  /** Builds the Ajv instance the next change of the schema files will use, so that it does not wait for it. */
  prepare(): void {
    if (this.#spare !== undefined) return;
    this.#spare = newAjv();
    // Compiles the meta-schema (every added schema is checked against it), as Ajv would on the first addSchema.
    this.#spare.getSchema(META_SCHEMA);
  }

  /** The state of the last load, when it used these keywords and may be replayed. */
  reusable(keywords: readonly string[]): AjvState | undefined {
    const state = this.#state;
    if (state === undefined || state.keywords !== JSON.stringify(keywords) || state.tainted) return undefined;
    // Inline schemas the last load did not use are dropped (with their place in Ajv's cache).
    for (const [key, entry] of state.compiled) {
      if (entry.lastRun >= state.run) continue;
      state.compiled.delete(key);
      if (entry.schema !== undefined) state.ajv.removeSchema(entry.schema);
    }
    state.run++;
    return state;
  }

  fresh(keywords: readonly string[]): AjvState {
    const ajv = this.#spare ?? newAjv();
    this.#spare = undefined;
    ajv.addVocabulary([...keywords]);
    this.#state = { ajv, keywords: JSON.stringify(keywords), steps: [], compileErrors: new Map(), compiled: new Map(), run: 0, tainted: false };
    return this.#state;
  }
}

/** An Ajv instance and what it was given, in order, with the outcome of each step. */
interface AjvState {
  readonly ajv: Ajv;
  /** The annotation keywords it knows (JSON). */
  readonly keywords: string;
  /** Each `addSchema`: the file and the schema's content, and the error it threw. */
  readonly steps: { readonly key: string; readonly error: Error | undefined }[];
  /** Why a schema file does not compile, by `$id`. */
  readonly compileErrors: Map<string, Error | undefined>;
  /** Compiled schemas of files (`id#pointer`) and inline schemas (by content), and the load that last used each. */
  readonly compiled: Map<string, { readonly validate: ValidateFunction | Error; readonly schema: object | undefined; lastRun: number }>;
  run: number;
  /** An inline schema declared an id or an anchor, which stays in Ajv: the next load starts a new instance. */
  tainted: boolean;
}

const META_SCHEMA = 'https://json-schema.org/draft/2020-12/schema';

function newAjv(): Ajv {
  return createAjv({ allErrors: true });
}

/** A replayed load added something else than the load it replays. */
class Mismatch extends Error {}

export function loadSchemaSet(files: SpecFiles, cache?: SchemaSetCache): { schemas: SchemaSet; diagnostics: Diagnostic[] } {
  const keywords = annotationKeywords([files.openapi, files.asyncapi, ...files.schemaFiles]);
  const replayed = cache?.reusable(keywords);
  if (replayed !== undefined) {
    try {
      return buildSchemaSet(files, replayed, true);
    } catch (error) {
      if (!(error instanceof Mismatch)) throw error;
    }
  }
  return buildSchemaSet(files, (cache ?? new SchemaSetCache()).fresh(keywords), false);
}

function buildSchemaSet(files: SpecFiles, state: AjvState, replay: boolean): { schemas: SchemaSet; diagnostics: Diagnostic[] } {
  const { ajv } = state;
  const diagnostics: Diagnostic[] = [];
  let step = 0;
  /** Adds a schema to Ajv, or, replaying, takes what the same step gave last time. */
  const addSchema = (file: SourceFile, schema: object): Error | undefined => {
    const key = `${file.absolutePath}\u0000${stableKey(schema)}`;
    if (replay) {
      const last = state.steps[step++];
      if (last?.key !== key) throw new Mismatch();
      return last.error;
    }
    let error: Error | undefined;
    try {
      ajv.addSchema(schema);
    } catch (thrown) {
      error = thrown as Error;
    }
    state.steps.push({ key, error });
    return error;
  };

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
    const error = addSchema(file, (file.displayPath.endsWith(SPEC_LAYOUT.registry) ? registryForValidation(schema) : schema) as object);
    if (error !== undefined) {
      diagnostics.push(at(file, '', `The schema cannot be loaded: ${sentence(error.message)}.`, 'schema/invalid'));
      continue;
    }
    ids.set(file.absolutePath, id);
    diagnostics.push(...checkRefsById(files, file, id, base));
    documents.push({ id, file: relative(files.specDir, file.absolutePath).split(sep).join('/'), schema });
  }
  // A replay that added fewer schemas would leave the others in Ajv.
  if (replay && step !== state.steps.length) throw new Mismatch();
  for (const document of documents) {
    const file = files.schemaFiles.find((f) => ids.get(f.absolutePath) === document.id)!;
    if (!replay) {
      let error: Error | undefined;
      try {
        ajv.getSchema(document.id);
      } catch (thrown) {
        error = thrown as Error;
      }
      state.compileErrors.set(document.id, error);
    }
    const error = state.compileErrors.get(document.id);
    if (error !== undefined) diagnostics.push(...compileProblems(file, '', file.data, error));
  }

  const idOf = (file: SourceFile): string | undefined => ids.get(file.absolutePath);
  /** Compiles a schema once per Ajv instance: a schema file's by id and pointer, an inline one by its content. */
  const compileOnce = (key: string, compile: () => { validate: ValidateFunction | Error; schema: object | undefined }): ValidateFunction | Error => {
    const cached = state.compiled.get(key);
    if (cached !== undefined) {
      cached.lastRun = state.run;
      return cached.validate;
    }
    const compiled = compile();
    state.compiled.set(key, { ...compiled, lastRun: state.run });
    return compiled.validate;
  };
  const compiled = new Map<string, ValidateFunction | Error>();
  const compile = (file: SourceFile, schemaPointer: string, schema: unknown): ValidateFunction | Error => {
    const key = `${file.absolutePath}#${schemaPointer}`;
    let validate = compiled.get(key);
    if (validate === undefined) {
      validate = compileSchema(file, schemaPointer, schema);
      compiled.set(key, validate);
    }
    return validate;
  };
  const compileSchema = (file: SourceFile, schemaPointer: string, schema: unknown): ValidateFunction | Error => {
    const id = idOf(file);
    if (id !== undefined) {
      return compileOnce(`id\u0000${id}#${schemaPointer}`, () => {
        try {
          return { validate: compileAt(ajv, id, schemaPointer), schema: undefined };
        } catch (error) {
          return { validate: error as Error, schema: undefined };
        }
      });
    }
    let inline: object;
    try {
      inline = inlineForAjv(schema, file, files, idOf) as object;
    } catch (error) {
      return error as Error;
    }
    const compileInline = (): { validate: ValidateFunction | Error; schema: object } => {
      try {
        return { validate: ajv.compile(inline), schema: inline };
      } catch (error) {
        return { validate: error as Error, schema: inline };
      }
    };
    const key = stableKey(inline);
    // An id or an anchor stays registered in Ajv (a second schema declaring it does not compile), and must not
    // outlive this load: such a schema is compiled wherever it appears, and the next load starts a new instance.
    if (/"\$(id|anchor|dynamicAnchor|recursiveAnchor)"/.test(key)) {
      state.tainted = true;
      return compileInline().validate;
    }
    return compileOnce(`inline\u0000${key}`, compileInline);
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

/**
 * The content of a value read from the spec, as a string: equal strings, equal values. Unlike JSON, it tells apart
 * what YAML can give and JSON cannot say (`.inf`, `.nan`, -0).
 */
function stableKey(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => {
    if (typeof item === 'number' && (!Number.isFinite(item) || Object.is(item, -0))) return `\u0000number:${Object.is(item, -0) ? '-0' : String(item)}`;
    if (typeof item === 'bigint') return `\u0000bigint:${String(item)}`;
    if (item === undefined) return '\u0000undefined';
    if (typeof item === 'string' && item.startsWith('\u0000')) return `\u0000${item}`;
    return item;
  });
}

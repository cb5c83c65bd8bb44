import { join, relative, resolve, sep } from 'node:path';
import type { ContractModel, EnumValue, SchemaDocument } from '@iotv1/generator-kit';
import { ContractError, canonicalJson, type Diagnostic, getAtPointer, isRecord, sha256, sortDiagnostics } from '@iotv1/generator-kit';
import { AsyncApiCache, readMessages, startAsyncApiCheck } from './asyncapi.js';
import { bundleDocuments } from './bundle.js';
import { readHttpInfo, readMqttInfo } from './info.js';
import { readOperations } from './openapi.js';
import { checkOpenApiStructure } from './openapi-structure.js';
import { readRegistry } from './registry.js';
import { registryForValidation, withSortedRegistry } from './registry-schema.js';
import { checkSchemaSupport } from './schema-support.js';
import { loadSchemaSet, type SchemaSet, SchemaSetCache } from './schemas.js';
import { SourceCache, type SourceFile } from './source.js';
import { at, loadSpecFiles, SPEC_LAYOUT, type SpecFiles } from './spec-files.js';
import { readEnumValues } from './statuses.js';
import { isVersion } from './version.js';

/**
 * Loads `openapi.yaml`, `asyncapi.yaml` and `schemas/` from `specDir`, checks all of it and builds the Contract
 * Model. Throws a ContractError listing every problem found when the spec is not valid.
 */
export async function loadContract(specDirectory: string): Promise<ContractModel> {
  return withContract(specDirectory, async (model) => model);
}

/**
 * Calls `use` with the Contract Model as soon as the spec's own checks pass, while the AsyncAPI parser still runs in
 * its worker, and returns `use`'s result once that check passes too. A spec with problems throws a ContractError
 * listing all of them, whatever `use` computed: nothing from an invalid spec escapes. With a `cache` (the same one
 * for every load of this spec directory), what did not change since the last load is not parsed or compiled again.
 */
export async function withContract<T>(specDirectory: string, use: (model: ContractModel) => Promise<T>, cache?: ContractCache): Promise<T> {
  const { model, diagnostics, asyncApiChecked } = buildContract(specDirectory, cache);
  const result = model === undefined ? undefined : use(model);
  // Its failure is handled below, once the AsyncAPI check is in; marked handled now, it cannot end the process first.
  result?.catch(() => undefined);
  diagnostics.push(...(await asyncApiChecked));
  if (diagnostics.length > 0 || result === undefined) {
    await result?.catch(() => undefined);
    throw new ContractError(dedupe(diagnostics));
  }
  return result;
}

interface ContractBuild {
  /** Present when every check but the AsyncAPI parser's passed. */
  readonly model: ContractModel | undefined;
  readonly diagnostics: Diagnostic[];
  readonly asyncApiChecked: Promise<Diagnostic[]>;
}

/**
 * What one load of a spec keeps for the next (`pnpm generate --watch`): the parsed text of every file, what Ajv
 * compiled from the schemas, the AsyncAPI parser's findings. Each is reused only for the same input (text, schema
 * content, the files the parser read), so a load with a cache gives what a load without one gives; it only does
 * less work when little changed. Pass the same cache to every load of one spec directory.
 */
export class ContractCache {
  readonly sources = new SourceCache();
  readonly schemas = new SchemaSetCache();
  readonly asyncApi = new AsyncApiCache();

  /** Work done ahead for the next load, best called while idle (it builds the Ajv instance a schema change needs). */
  prepare(): void {
    this.schemas.prepare();
  }
}

function buildContract(specDirectory: string, cache: ContractCache | undefined): ContractBuild {
  // Paths are compared as absolute paths throughout (schema files, references, the layout's files).
  const specDir = resolve(specDirectory);
  const checkAsyncApi = startAsyncApiCheck(join(specDir, SPEC_LAYOUT.asyncapi), cache?.asyncApi);
  const { files, diagnostics } = loadSpecFiles(specDir, cache?.sources);
  if (files === undefined) return { model: undefined, diagnostics, asyncApiChecked: Promise.resolve([]) };
  const asyncApiChecked = checkAsyncApi(files);
  const fail = (): ContractBuild => ({ model: undefined, diagnostics, asyncApiChecked });
  diagnostics.push(...checkOpenApiStructure(files.openapi));
  const version = readVersion(files, diagnostics);
  const { schemas, diagnostics: schemaProblems } = loadSchemaSet(files, cache?.schemas);
  diagnostics.push(...schemaProblems, ...checkSchemaSupport([files.openapi, files.asyncapi, ...files.schemaFiles]));

  const registryFile = requiredFile(files, SPEC_LAYOUT.registry, 'it is the response-code registry', diagnostics);
  if (registryFile === undefined) return fail(); // every other check needs the registry
  const registry = readRegistry(registryFile, version);
  diagnostics.push(...registry.diagnostics);
  const errorTypeFile = requiredFile(files, SPEC_LAYOUT.errorType, 'registry error types are checked against it', diagnostics);
  if (errorTypeFile !== undefined) {
    for (const [index, entry] of registryEntries(registryFile.data)) {
      if (entry['x-error-type'] === undefined) continue;
      const pointer = `/oneOf/${index}/x-error-type`;
      diagnostics.push(...schemas.checkExample(errorTypeFile, '', errorTypeFile.data, entry['x-error-type'], registryFile, pointer, ERROR_TYPE));
    }
  }
  for (const document of schemas.documents) {
    const file = files.byPath(join(specDir, document.file))!;
    const examples = Array.isArray(document.schema.examples) ? document.schema.examples : [];
    for (const [i, example] of examples.entries()) diagnostics.push(...schemas.checkExample(file, '', document.schema, example, file, `/examples/${i}`));
  }
  const { operations, diagnostics: operationProblems } = readOperations(files, schemas, registry);
  const { messages, diagnostics: messageProblems } = readMessages(files, schemas);
  diagnostics.push(...operationProblems, ...messageProblems);
  const feedDataStatuses = readStatuses(files, SPEC_LAYOUT.feedDataStatus, '', diagnostics);
  const ackStatuses = readStatuses(files, SPEC_LAYOUT.feedDataAck, '/properties/status', diagnostics);
  const { bundles, diagnostics: bundleProblems } = bundleDocuments(files, schemas.idOf);
  diagnostics.push(...bundleProblems);
  if (diagnostics.length > 0 || version === undefined || bundles === undefined) return fail();

  const model: ContractModel = {
    version,
    contentHash: `sha256:${contentHashOf(files)}`,
    registry: registry.codes,
    feedDataStatuses,
    ackStatuses,
    operations,
    messages,
    // The registry's entries are listed in code order, like everything generated from them.
    schemas: schemas.documents.map((d) =>
      d.file === SPEC_LAYOUT.registry ? { ...d, schema: registryForValidation(withSortedRegistry(d.schema)) as SchemaDocument['schema'] } : d,
    ),
    schemaIds: {
      errorResponse: schemaIdOf(files, schemas, SPEC_LAYOUT.errorResponse),
      feedDataAck: schemaIdOf(files, schemas, SPEC_LAYOUT.feedDataAck),
      responseCode: schemaIdOf(files, schemas, SPEC_LAYOUT.registry),
    },
    http: readHttpInfo(files),
    mqtt: readMqttInfo(files),
    bundles,
  };
  return { model, diagnostics, asyncApiChecked };
}

/** `$id` of a schema file the layout requires (present and valid: the model is only built for a valid spec). */
function schemaIdOf(files: SpecFiles, schemas: SchemaSet, path: string): string {
  return schemas.idOf(files.byPath(join(files.specDir, path))!)!;
}

/** A file the spec layout requires; reported when absent (a file that exists but is broken has reported itself). */
function requiredFile(files: SpecFiles, path: string, purpose: string, diagnostics: Diagnostic[]): SourceFile | undefined {
  const absolutePath = join(files.specDir, path);
  const file = files.byPath(absolutePath);
  if (file === undefined && !files.isBroken(absolutePath)) {
    diagnostics.push({ file: displayOf(files, path), pointer: '', message: `The file is missing; ${purpose}.`, rule: 'spec/missing-file' });
  }
  return file;
}

const ERROR_TYPE = { label: 'The error type', rule: 'registry/error-type' } as const;

function registryEntries(data: unknown): [number, Record<string, unknown>][] {
  const entries = isRecord(data) && Array.isArray(data.oneOf) ? data.oneOf : [];
  return entries.flatMap((entry: unknown, index) => (isRecord(entry) ? [[index, entry] as [number, Record<string, unknown>]] : []));
}

/** Both specs describe one contract, so they carry one version. */
function readVersion(files: SpecFiles, diagnostics: Diagnostic[]): string | undefined {
  const openapiVersion = getAtPointer(files.openapi.data, '/info/version');
  const asyncapiVersion = getAtPointer(files.asyncapi.data, '/info/version');
  if (typeof openapiVersion !== 'string' || !isVersion(openapiVersion)) {
    diagnostics.push(at(files.openapi, '/info/version', 'info.version must be a version such as "1.2.0": it versions the whole contract.', 'spec/version'));
    return undefined;
  }
  if (asyncapiVersion !== openapiVersion) {
    diagnostics.push(
      at(files.asyncapi, '/info/version', `info.version must equal the OpenAPI spec's ${openapiVersion}: both specs are one contract.`, 'spec/version'),
    );
    return undefined;
  }
  return openapiVersion;
}

function readStatuses(files: SpecFiles, path: string, pointer: string, diagnostics: Diagnostic[]): EnumValue[] {
  const file = requiredFile(files, path, 'generators read the status values from it', diagnostics);
  if (file === undefined) return [];
  const { values, diagnostics: problems } = readEnumValues(files, file, pointer);
  diagnostics.push(...problems);
  return values;
}

/**
 * Hash of what the spec says rather than how it is written: canonical JSON of every file, with the registry's
 * entries in code order (their order in the file carries no meaning).
 */
function contentHashOf(files: SpecFiles): string {
  const registryPath = join(files.specDir, SPEC_LAYOUT.registry);
  const documents: Record<string, unknown> = {};
  for (const file of [files.openapi, files.asyncapi, ...files.schemaFiles]) {
    const key = relative(files.specDir, file.absolutePath).split(sep).join('/');
    documents[key] = file.absolutePath === registryPath ? withSortedRegistry(file.data) : file.data;
  }
  return sha256(canonicalJson(documents));
}

function displayOf(files: SpecFiles, path: string): string {
  return `${files.specDir.split(sep).pop()}/${path}`;
}

/** Shared components are reached from several operations; report each problem once. */
function dedupe(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Map<string, Diagnostic>();
  for (const d of diagnostics) seen.set(`${d.file}\u0000${d.pointer}\u0000${d.message}`, d);
  return sortDiagnostics([...seen.values()]);
}

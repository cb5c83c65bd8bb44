import { join } from 'node:path';
import type {
  Diagnostic,
  HttpHeader,
  HttpOperation,
  HttpParameter,
  HttpRequestBody,
  HttpResponse,
  NamedExample,
  PortableSchema,
  ResponseCode,
} from '@iotv1/generator-kit';
import { appendPointer, decodePointer, isRecord, recordAt, stringAt } from '@iotv1/generator-kit';
import { branchesOf, codesAllowedBy } from './body-codes.js';
import { IDENTIFIER_RULE, isBindingName, isIdentifier } from './identifiers.js';
import type { RegistryRead } from './registry.js';
import type { SchemaSet } from './schemas.js';
import { at, type Located, SPEC_LAYOUT, type SpecFiles } from './spec-files.js';

/** Fixed fields of a Path Item Object that are operations (OpenAPI 3.1, section 4.8.9). */
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
const JSON_MEDIA = 'application/json';
const PARAMETER_LOCATIONS: readonly HttpParameter['in'][] = ['path', 'query', 'header', 'cookie'];

/** What the checks of one OpenAPI document share. */
interface Context {
  readonly files: SpecFiles;
  readonly schemas: SchemaSet;
  readonly codesByNumber: ReadonlyMap<number, ResponseCode>;
  /** Codes the registry defines, including entries with problems of their own (already reported there). */
  readonly definedCodes: ReadonlySet<number>;
  readonly diagnostics: Diagnostic[];
}

/**
 * Reads the HTTPS operations (Paths Object, section 4.8.8) and checks them against the registry: every operation
 * lists the codes it can return (`x-response-codes`), has a response for each of their HTTP statuses and none
 * besides, answers errors with the error envelope, declares `Retry-After` where a retryable code can be returned,
 * and its examples match their schemas.
 */
export function readOperations(
  files: SpecFiles,
  schemas: SchemaSet,
  registry: Pick<RegistryRead, 'codes' | 'defined'>,
): { operations: HttpOperation[]; diagnostics: Diagnostic[] } {
  const codesByNumber = new Map(registry.codes.map((c) => [c.code, c]));
  const context: Context = { files, schemas, codesByNumber, definedCodes: registry.defined, diagnostics: [] };
  const operations: HttpOperation[] = [];
  const paths = recordAt(files.openapi.data, 'paths');
  for (const [path, pathItem] of Object.entries(paths)) {
    if (!isRecord(pathItem)) continue;
    const pathPointer = appendPointer('/paths', path);
    for (const method of METHODS) {
      const operation = pathItem[method];
      if (isRecord(operation)) operations.push(readOperation(context, path, method, operation, appendPointer(pathPointer, method)));
    }
  }
  operations.sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
  return { operations, diagnostics: context.diagnostics };
}

function readOperation(context: Context, path: string, method: string, operation: Record<string, unknown>, pointer: string): HttpOperation {
  const { files } = context;
  const label = `${method.toUpperCase()} ${path}`;
  if (typeof operation.operationId !== 'string') {
    problem(context, pointer, `${label} needs an "operationId": generators name its function after it.`, 'openapi/operation-id');
  } else if (!isBindingName(operation.operationId)) {
    const message = `The operationId "${operation.operationId}" of ${label} must be a name a function can have (${IDENTIFIER_RULE}, not a reserved word such as "delete"): generators name its function after it.`;
    problem(context, appendPointer(pointer, 'operationId'), message, 'openapi/operation-id');
  }
  const { codes, incomplete } = listedCodes(context, label, operation, pointer);
  const pathItem = recordAt(recordAt(files.openapi.data, 'paths'), path);
  const parameters = [...readParameters(context, pathItem, appendPointer('/paths', path)), ...readParameters(context, operation, pointer)];
  const requestBody = readRequestBody(context, label, files.follow(operation.requestBody, files.openapi, appendPointer(pointer, 'requestBody')));

  const responseObjects = recordAt(operation, 'responses');
  for (const code of codes) {
    if (!(String(code.httpStatus) in responseObjects)) {
      const message = `${label} lists code ${code.code} but has no response for its HTTP status ${code.httpStatus}.`;
      problem(context, appendPointer(pointer, 'responses'), message, 'openapi/missing-response');
    }
  }
  const responses: HttpResponse[] = [];
  for (const [status, response] of Object.entries(responseObjects)) {
    const responseCodes = codes.filter((c) => String(c.httpStatus) === status);
    const responsePointer = appendPointer(pointer, 'responses', status);
    if (responseCodes.length === 0) {
      if (incomplete) continue; // the codes it may belong to are reported in the registry
      const message = `${label} has a ${status} response, but none of its x-response-codes has HTTP status ${status}.`;
      problem(context, responsePointer, message, 'openapi/unlisted-response');
      continue;
    }
    const component = sharedResponseName(response);
    if (component !== null && !isIdentifier(component)) {
      const message = `The shared response name "${component}" must be an identifier (${IDENTIFIER_RULE}): generators name its validator after it.`;
      problem(context, appendPointer('/components/responses', component), message, 'openapi/response-name');
    }
    const read = readResponse(context, `the ${status} response of ${label}`, files.follow(response, files.openapi, responsePointer), responseCodes);
    if (read !== undefined) responses.push({ ...read, component });
  }

  return {
    operationId: typeof operation.operationId === 'string' ? operation.operationId : '',
    method: method.toUpperCase(),
    path,
    summary: stringAt(operation, 'summary'),
    description: stringAt(operation, 'description'),
    tags: Array.isArray(operation.tags) ? operation.tags.filter((t): t is string => typeof t === 'string') : [],
    security: securityOf(files.openapi.data, operation),
    parameters,
    requestBody,
    responseCodes: codes.map((c) => c.code).sort((a, b) => a - b),
    responses: responses.sort((a, b) => a.status - b.status),
  };
}

/** The name of a Response Object under `components/responses` (section 4.8.7) that `response` refers to. */
function sharedResponseName(response: unknown): string | null {
  const ref = isRecord(response) ? response.$ref : undefined;
  const name = typeof ref === 'string' ? /^#\/components\/responses\/([^/]+)$/.exec(ref)?.[1] : undefined;
  return name === undefined ? null : decodePointer(`/${name}`)[0]!;
}

/** Security Requirement Objects (section 4.8.30): the operation's own, else the document's. */
function securityOf(document: unknown, operation: Record<string, unknown>): string[] {
  const requirements = Array.isArray(operation.security) ? operation.security : isRecord(document) && Array.isArray(document.security) ? document.security : [];
  return [...new Set(requirements.flatMap((r: unknown) => (isRecord(r) ? Object.keys(r) : [])))].sort();
}

/** The registry codes in `x-response-codes`; `incomplete` when some are registry entries with problems of their own. */
function listedCodes(context: Context, label: string, operation: Record<string, unknown>, pointer: string): { codes: ResponseCode[]; incomplete: boolean } {
  const listed = operation['x-response-codes'];
  if (!Array.isArray(listed) || listed.length === 0) {
    problem(context, pointer, `${label} needs "x-response-codes": the registry codes it can return.`, 'openapi/response-codes');
    return { codes: [], incomplete: true };
  }
  const codes: ResponseCode[] = [];
  let incomplete = false;
  for (const [i, code] of listed.entries()) {
    const entry = typeof code === 'number' ? context.codesByNumber.get(code) : undefined;
    const at_ = appendPointer(pointer, 'x-response-codes', i);
    if (entry === undefined && typeof code === 'number' && context.definedCodes.has(code)) {
      incomplete = true;
    } else if (entry === undefined) {
      problem(context, at_, `${label} lists ${JSON.stringify(code)}, which is not a code of the registry (${SPEC_LAYOUT.registry}).`, 'openapi/unknown-code');
    } else if (entry.retired !== null) {
      problem(context, at_, `${label} lists code ${entry.code}, which is retired (${entry.retired.reason}).`, 'openapi/retired-code');
    } else {
      codes.push(entry);
    }
  }
  return { codes, incomplete };
}

/** Reads and checks one response (after `$ref`s) that can carry `codes`. */
function readResponse(context: Context, label: string, response: Located, codes: readonly ResponseCode[]): Omit<HttpResponse, 'component'> | undefined {
  const { files, schemas } = context;
  const headerObjects = recordAt(response.value, 'headers');
  const retryable = codes.filter((c) => c.retryable);
  if (retryable.length > 0 && !Object.keys(headerObjects).some((h) => h.toLowerCase() === 'retry-after')) {
    const message = `${capitalise(label)} must declare the Retry-After header: code ${retryable.map((c) => c.code).join(', ')} is retryable.`;
    problem(context, response.pointer, message, 'openapi/retry-after', response);
  }
  const headers: HttpHeader[] = Object.entries(headerObjects).map(([name, header]) => {
    const located = files.follow(header, response.file, appendPointer(response.pointer, 'headers', name));
    checkSchemaAndExamples(context, located);
    return {
      name,
      required: isRecord(located.value) && located.value.required === true,
      description: stringAt(located.value, 'description'),
      schema: schemaOf(context, located),
    };
  });
  const media = mediaOf(response);
  const schema = media !== undefined && isRecord(media.value) ? media.value.schema : undefined;
  if (media === undefined || schema === undefined) {
    problem(
      context,
      response.pointer,
      `${capitalise(label)} needs an ${JSON_MEDIA} body with a schema: every response carries a code.`,
      'openapi/response-body',
      response,
    );
    return undefined;
  }
  checkSchemaAndExamples(context, media);
  const schemaPointer = appendPointer(media.pointer, 'schema');
  const target = files.follow(schema, media.file, schemaPointer);
  const isError = codes.some((c) => c.category !== 'Success');
  const isEnvelope = (node: Located): boolean => isFileRoot(files, node, SPEC_LAYOUT.errorResponse);
  if (isError && !isEnvelope(target) && !branchesOf(files, target).some(isEnvelope)) {
    const message = `${capitalise(label)} must use the error envelope (${SPEC_LAYOUT.errorResponse}), as the schema itself or as a branch of its allOf.`;
    problem(context, schemaPointer, message, 'openapi/error-envelope', media);
  } else {
    checkBodyCodes(context, label, { value: schema, file: media.file, pointer: schemaPointer }, codes);
  }
  const examples = examplesOf(files, media);
  for (const example of examples) {
    const code = isRecord(example.value) ? example.value.code : undefined;
    if (typeof code === 'number' && !codes.some((c) => c.code === code)) {
      const message = `An example of ${label} carries code ${code}, which is not one of its codes (${codes.map((c) => c.code).join(', ')}).`;
      problem(context, appendPointer(example.pointer, 'code'), message, 'example/code-status', example);
    }
  }
  return {
    status: Number(codes[0]?.httpStatus),
    description: stringAt(response.value, 'description'),
    codes: codes.map((c) => c.code).sort((a, b) => a - b),
    mediaType: JSON_MEDIA,
    schemaId: target.pointer === '' ? (schemas.idOf(target.file) ?? null) : null,
    schema: schemaOf(context, media),
    headers,
    examples: examples.map(namedExample),
  };
}

/**
 * The body schema must narrow `code` to the codes of its HTTP status, in standard JSON Schema (`const` or `enum`),
 * so that a tool that reads no `x-` key still rejects a 403 carrying 5003; and it must allow every code the
 * operation lists for that status.
 */
function checkBodyCodes(context: Context, label: string, schema: Located, codes: readonly ResponseCode[]): void {
  const status = codes[0]!.httpStatus;
  const ofStatus = [...context.codesByNumber.values()].filter((c) => c.httpStatus === status && c.retired === null).map((c) => c.code);
  const allowed = codesAllowedBy(context.files, schema, (node) => isFileRoot(context.files, node, SPEC_LAYOUT.registry));
  if (allowed === undefined) return; // a reference that does not resolve, reported where it is
  if (allowed === 'any') {
    // `type` too: without it orval types a numeric `const` as a string.
    const narrowed = ofStatus.length === 1 ? `{ type: integer, const: ${ofStatus[0]} }` : `{ type: integer, enum: [${ofStatus.join(', ')}] }`;
    const how = codes.some((c) => c.category !== 'Success')
      ? `allOf: [{ $ref: ${SPEC_LAYOUT.errorResponse} }, { properties: { code: ${narrowed} } }]`
      : `"code": ${narrowed} in the body schema`;
    const message = `${capitalise(label)} lets "code" be any registry code; narrow it to the codes of HTTP status ${status} with ${how}, so that standard tools reject a body whose code belongs to another status.`;
    problem(context, schema.pointer, message, 'openapi/code-status', schema);
    return;
  }
  for (const code of [...allowed].sort((a, b) => a - b)) {
    const entry = context.codesByNumber.get(code);
    if (entry !== undefined && entry.httpStatus === status) continue;
    const why = entry === undefined ? 'which is not a code of the registry' : `whose HTTP status is ${entry.httpStatus}`;
    problem(context, schema.pointer, `${capitalise(label)} allows code ${code} in its body, ${why}.`, 'openapi/code-status', schema);
  }
  for (const code of codes.filter((c) => !allowed.has(c.code))) {
    problem(context, schema.pointer, `${capitalise(label)} must allow code ${code.code} in its body: the operation lists it.`, 'openapi/code-status', schema);
  }
}

function isFileRoot(files: SpecFiles, node: Located, path: string): boolean {
  return node.file.absolutePath === join(files.specDir, path) && node.pointer === '';
}

/**
 * Parameters of a path item or operation, checked; a parameter without a valid `in` is reported by the structure
 * check. Only path parameters are supported: the client has no argument for the others and the validators would
 * let them through unchecked.
 */
function readParameters(context: Context, owner: Record<string, unknown>, ownerPointer: string): HttpParameter[] {
  const parameters = Array.isArray(owner.parameters) ? owner.parameters : [];
  return parameters.flatMap((parameter: unknown, i) => {
    const located = context.files.follow(parameter, context.files.openapi, appendPointer(ownerPointer, 'parameters', i));
    checkSchemaAndExamples(context, located);
    const where = isRecord(located.value) ? located.value.in : undefined;
    if (!isRecord(located.value) || !PARAMETER_LOCATIONS.includes(where as HttpParameter['in'])) return [];
    if (where !== 'path') {
      const message = `The ${String(where)} parameter "${stringAt(located.value, 'name')}" is not supported: the generators handle path parameters only (the client has no argument for it, the validators would not check it).`;
      problem(context, appendPointer(located.pointer, 'in'), message, 'openapi/parameter-location', located);
      return [];
    }
    return [
      {
        name: stringAt(located.value, 'name'),
        in: where as HttpParameter['in'],
        required: located.value.required === true,
        description: stringAt(located.value, 'description'),
        schema: schemaOf(context, located),
        examples: examplesOf(context.files, located).map(namedExample),
      },
    ];
  });
}

/** The request body; its schema must be a schema file, so that every target shares one definition of it. */
function readRequestBody(context: Context, label: string, body: Located): HttpRequestBody | null {
  const media = mediaOf(body);
  if (media === undefined || !isRecord(media.value)) return null;
  checkSchemaAndExamples(context, media);
  const { files, schemas } = context;
  const schema = media.value.schema;
  const schemaPointer = appendPointer(media.pointer, 'schema');
  const target = files.follow(schema, media.file, schemaPointer);
  const isSchemaFile = target.pointer === '' && files.schemaFiles.includes(target.file);
  // A reference that does not resolve is reported while loading.
  const unresolved = isRecord(schema) && typeof schema.$ref === 'string' && 'error' in files.resolveRef(schema.$ref, media.file);
  if (!isSchemaFile && !unresolved) {
    const message = `The request body of ${label} must be a $ref to a schema file in schemas/, so every target shares one definition of it.`;
    problem(context, schemaPointer, message, 'openapi/request-body', media);
  }
  return {
    required: isRecord(body.value) && body.value.required === true,
    description: stringAt(body.value, 'description'),
    mediaType: JSON_MEDIA,
    // Empty only in a spec with problems, which builds no model.
    schemaId: (isSchemaFile ? schemas.idOf(target.file) : undefined) ?? '',
    schema: schemaOf(context, media),
    examples: examplesOf(files, media).map(namedExample),
  };
}

/** The `schema` of a parameter, header or media type, standing on its own. */
function schemaOf(context: Context, holder: Located): PortableSchema {
  return isRecord(holder.value) && holder.value.schema !== undefined ? context.schemas.portable(holder.value.schema, holder.file) : true;
}

/**
 * A parameter, header or media type: its schema must compile, examples or not (the validators compile it), and its
 * examples must match it.
 */
function checkSchemaAndExamples(context: Context, holder: Located): void {
  if (!isRecord(holder.value) || !('schema' in holder.value)) return;
  const schemaPointer = appendPointer(holder.pointer, 'schema');
  const invalid = context.schemas.checkSchema(holder.file, schemaPointer, holder.value.schema);
  context.diagnostics.push(...invalid);
  if (invalid.length > 0) return;
  for (const example of examplesOf(context.files, holder)) {
    context.diagnostics.push(...context.schemas.checkExample(holder.file, schemaPointer, holder.value.schema, example.value, example.file, example.pointer));
  }
}

/** An example with where it is: `example` is named "example", `examples` entries by their key. */
interface ExampleAt extends Located {
  readonly name: string;
  readonly summary: string;
}

/** The examples of a parameter, header or media type (`example` or `examples`), with where each one is. */
function examplesOf(files: SpecFiles, holder: Located): ExampleAt[] {
  if (!isRecord(holder.value)) return [];
  const list: ExampleAt[] = [];
  if ('example' in holder.value) {
    list.push({ name: 'example', summary: '', value: holder.value.example, file: holder.file, pointer: appendPointer(holder.pointer, 'example') });
  }
  for (const [name, example] of Object.entries(recordAt(holder.value, 'examples'))) {
    const located = files.follow(example, holder.file, appendPointer(holder.pointer, 'examples', name));
    if (isRecord(located.value) && 'value' in located.value) {
      const summary = stringAt(located.value, 'summary');
      list.push({ name, summary, value: located.value.value, file: located.file, pointer: appendPointer(located.pointer, 'value') });
    }
  }
  return list;
}

function namedExample({ name, summary, value }: ExampleAt): NamedExample {
  return { name, summary, value };
}

/** The `application/json` Media Type Object of a request body or response. */
function mediaOf(owner: Located): Located | undefined {
  const media = recordAt(owner.value, 'content')[JSON_MEDIA];
  return media === undefined ? undefined : { value: media, file: owner.file, pointer: appendPointer(owner.pointer, 'content', JSON_MEDIA) };
}

/** Reports at `pointer` in the file of `where` (the OpenAPI document unless the node lives in another file). */
function problem(context: Context, pointer: string, message: string, rule: string, where?: Located): void {
  context.diagnostics.push(at(where?.file ?? context.files.openapi, pointer, message, rule));
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { repoPath } from './workspace.js';

export type JsonObject = { readonly [key: string]: unknown };
/** A location in a document as JSON-pointer segments (unescaped). */
export type Pointer = readonly string[];

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A repository file as JSON (YAML is a superset of JSON, so one parser reads both forms). */
export function readDocument(repoRelative: string): JsonObject {
  const document: unknown = parse(readFileSync(repoPath(repoRelative), 'utf8'));
  if (!isObject(document)) throw new Error(`${repoRelative} is not a JSON object`);
  return document;
}

/** `#/a/b~1c` -> ['a', 'b/c']. */
export function parsePointer(ref: string): Pointer {
  if (!ref.startsWith('#')) throw new Error(`${ref} is not a reference within the document`);
  return ref
    .slice(1)
    .split('/')
    .slice(1)
    .map((segment) => decodeURIComponent(segment).replaceAll('~1', '/').replaceAll('~0', '~'));
}

/** ['a', 'b/c'] -> `#/a/b~1c`, percent-encoded so that it is also a valid URI fragment. */
export function formatPointer(pointer: Pointer): string {
  return `#${pointer.map((segment) => `/${encodeURIComponent(segment.replaceAll('~', '~0').replaceAll('/', '~1'))}`).join('')}`;
}

/**
 * The node at `pointer`, following internal `$ref`s on the way and at the end: apart from schemas, every reference
 * in these documents is internal. Returns where the node really is, or undefined when nothing is there.
 */
export function resolveNode(document: JsonObject, pointer: Pointer): { node: JsonObject; pointer: Pointer } | undefined {
  let current = followRefs(document, document, []);
  for (const segment of pointer) {
    if (current === undefined) return undefined;
    current = followRefs(document, childOf(current.node, segment), [...current.pointer, segment]);
  }
  const node = current?.node;
  return current !== undefined && isObject(node) ? { node, pointer: current.pointer } : undefined;
}

function childOf(node: unknown, segment: string): unknown {
  if (Array.isArray(node)) return node[Number(segment)];
  return isObject(node) ? node[segment] : undefined;
}

function followRefs(document: JsonObject, node: unknown, pointer: Pointer): { node: unknown; pointer: Pointer } | undefined {
  let current = { node, pointer };
  // External references (schema files of spec/) are left alone. A bound instead of cycle detection: no document
  // here chains more than a couple of references.
  for (let hops = 0; isObject(current.node) && typeof current.node.$ref === 'string' && current.node.$ref.startsWith('#'); hops++) {
    if (hops === 16) throw new Error(`${formatPointer(pointer)}: more than 16 chained $refs`);
    const target = parsePointer(current.node.$ref);
    current = { node: target.reduce<unknown>(childOf, document), pointer: target };
  }
  return current.node === undefined ? undefined : current;
}

export interface Operation {
  readonly path: string;
  readonly method: string;
  readonly operationId: string;
  readonly statuses: readonly string[];
}

export function operationsOf(document: JsonObject): Operation[] {
  const paths = isObject(document.paths) ? document.paths : {};
  return Object.keys(paths).flatMap((path) =>
    METHODS.flatMap((method) => {
      const operation = resolveNode(document, ['paths', path, method])?.node;
      if (operation === undefined) return [];
      const responses = isObject(operation.responses) ? operation.responses : {};
      return [{ path, method, operationId: String(operation.operationId), statuses: Object.keys(responses) }];
    }),
  );
}

export interface ExampleRequest {
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: Record<string, string>;
  readonly body?: string;
}

/**
 * A request the document itself says is valid: every parameter it needs and the body take their first example.
 * Throws when the document has no example for something the request needs.
 */
export function exampleRequest(document: JsonObject, { path, method }: Operation): ExampleRequest {
  const where = `${method.toUpperCase()} ${path}`;
  const request = { path, query: new URLSearchParams(), headers: {} as Record<string, string> };
  for (const parameter of parametersOf(document, path, method)) {
    if (parameter.in !== 'path' && parameter.required !== true) continue;
    const value = firstExample(document, parameter) ?? (isObject(parameter.schema) ? firstExample(document, parameter.schema) : undefined);
    if (value === undefined) throw new Error(`${where}: parameter ${String(parameter.name)} has no example`);
    const text = String(value);
    if (parameter.in === 'path') request.path = request.path.replace(`{${String(parameter.name)}}`, encodeURIComponent(text));
    else if (parameter.in === 'query') request.query.append(String(parameter.name), text);
    else if (parameter.in === 'header') request.headers[String(parameter.name)] = text;
  }
  const content = resolveNode(document, ['paths', path, method, 'requestBody', 'content'])?.node;
  const [mediaType, media] = Object.entries(content ?? {})[0] ?? [];
  if (mediaType === undefined || !isObject(media)) return request;
  const body = firstExample(document, media);
  if (body === undefined) throw new Error(`${where}: the ${mediaType} request body has no example`);
  return { ...request, headers: { ...request.headers, 'content-type': mediaType }, body: JSON.stringify(body) };
}

/** Path-level parameters, overridden by operation-level ones with the same name and location. */
function parametersOf(document: JsonObject, path: string, method: string): JsonObject[] {
  const byKey = new Map<string, JsonObject>();
  for (const owner of [
    ['paths', path],
    ['paths', path, method],
  ]) {
    const list = resolveNode(document, owner)?.node.parameters;
    for (const [index] of (Array.isArray(list) ? list : []).entries()) {
      const parameter = resolveNode(document, [...owner, 'parameters', String(index)])?.node;
      if (parameter !== undefined) byKey.set(`${String(parameter.in)}:${String(parameter.name)}`, parameter);
    }
  }
  return [...byKey.values()];
}

/** `example`, else the first of `examples` (a map of Example Objects in OpenAPI, a list in JSON Schema). */
function firstExample(document: JsonObject, owner: JsonObject): unknown {
  if (owner.example !== undefined) return owner.example;
  if (Array.isArray(owner.examples)) return owner.examples[0];
  if (!isObject(owner.examples)) return undefined;
  const [first] = Object.values(owner.examples);
  if (!isObject(first)) return undefined;
  return (typeof first.$ref === 'string' ? resolveNode(document, parsePointer(first.$ref))?.node : first)?.value;
}

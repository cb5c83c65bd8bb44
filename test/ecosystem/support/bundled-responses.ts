import { pathToFileURL } from 'node:url';
import type { ValidateFunction } from 'ajv';
import { plainAjv } from './json-schema.js';
import { formatPointer, isObject, type Operation, readDocument, resolveNode } from './openapi-document.js';
import { repoPath } from './workspace.js';

/** What the bundled document says one response of one operation must look like. */
export interface ResponseContract {
  /** Validates the JSON body; absent when the response has no JSON body. */
  readonly validateBody?: ValidateFunction;
  /** Lower-case names of the headers the response must carry. */
  readonly requiredHeaders: readonly string[];
}

/**
 * Reads response contracts from a bundled OpenAPI document. The whole document is given to plain Ajv as one schema
 * resource (its file URL as base), so a response schema is compiled where it stands and its internal `$ref`s resolve
 * as they are written. Not strict: the document is OpenAPI, with `x-` extensions and keys JSON Schema does not know.
 */
export function bundledResponses(bundle: string): (operation: Operation, status: string) => ResponseContract {
  const document = readDocument(bundle);
  const base = pathToFileURL(repoPath(bundle)).href;
  const ajv = plainAjv({ strict: false });
  ajv.addSchema(document, base);
  return ({ path, method }, status) => {
    const response = resolveNode(document, ['paths', path, method, 'responses', status]);
    if (response === undefined) throw new Error(`${bundle} has no ${status} response for ${method.toUpperCase()} ${path}`);
    const schema = resolveNode(document, [...response.pointer, 'content', 'application/json', 'schema']);
    const requiredHeaders = Object.keys(isObject(response.node.headers) ? response.node.headers : {})
      .filter((name) => resolveNode(document, [...response.pointer, 'headers', name])?.node.required === true)
      .map((name) => name.toLowerCase());
    if (schema === undefined) return { requiredHeaders };
    const validateBody = ajv.getSchema(`${base}${formatPointer(schema.pointer)}`);
    if (validateBody === undefined) throw new Error(`Ajv cannot find ${formatPointer(schema.pointer)} in ${bundle}`);
    return { validateBody, requiredHeaders };
  };
}

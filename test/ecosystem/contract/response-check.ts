import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { Answer } from './http.js';

/** The bundled OpenAPI document generated from spec/: what Prism and the plain-Ajv check both read. */
export const OPENAPI_DOCUMENT = fileURLToPath(new URL('../../../packages/spec/openapi.json', import.meta.url));

/** spec/openapi.yaml as committed, with its references to the schema files. */
export const SPEC_DOCUMENT = fileURLToPath(new URL('../../../spec/openapi.yaml', import.meta.url));

type Reference = { readonly $ref: string };
interface ResponseObject {
  readonly content?: Readonly<Record<string, unknown>>;
}
interface OpenApiDocument {
  readonly paths: Readonly<
    Record<string, Readonly<Record<string, { readonly operationId?: string; readonly responses?: Record<string, ResponseObject | Reference> }>>>
  >;
  readonly components?: { readonly responses?: Readonly<Record<string, ResponseObject>> };
}

const DOCUMENT_ID = 'openapi.json';

/** A JSON Pointer token (RFC 6901). */
const token = (key: string) => key.replaceAll('~', '~0').replaceAll('/', '~1');

/**
 * Checks an answer against the response the document declares for its operation and HTTP status, with plain Ajv
 * (JSON Schema 2020-12, as OpenAPI 3.1 says) and none of this project's validators.
 */
export class ResponseCheck {
  readonly #document: OpenApiDocument;
  readonly #ajv: Ajv2020;

  constructor() {
    this.#document = JSON.parse(readFileSync(OPENAPI_DOCUMENT, 'utf8')) as OpenApiDocument;
    // Not strict: the document is an OpenAPI document, whose own keys (paths, x-response-codes, ...) are no JSON Schema keywords.
    this.#ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats.default(this.#ajv);
    // The whole document as one schema resource, so that its `#/components/schemas/...` references resolve as they are written.
    this.#ajv.addSchema(this.#document, DOCUMENT_ID);
  }

  /** Why the answer breaks the contract of `operationId`; empty when it keeps it. */
  issues(operationId: string, answer: Answer): readonly string[] {
    const found = this.#response(operationId, answer.status);
    if (typeof found === 'string') return [found];
    const mediaType = (answer.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (found.response.content?.[mediaType] === undefined) return [`${operationId} ${answer.status}: no content declared for "${mediaType}"`];
    const validate = this.#ajv.getSchema(`${DOCUMENT_ID}#${found.pointer}/content/${token(mediaType)}/schema`);
    if (validate === undefined) return [`${operationId} ${answer.status}: no schema at ${found.pointer}`];
    if (validate(answer.body)) return [];
    return (validate.errors ?? []).map((error) => `${operationId} ${answer.status}: ${error.instancePath || '/'} ${error.message ?? error.keyword}`);
  }

  /** The response object of an operation for a status (exact, then its class `4XX`, then `default`) and where it lives. */
  #response(operationId: string, status: number): { response: ResponseObject; pointer: string } | string {
    for (const [path, item] of Object.entries(this.#document.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        if (operation.operationId !== operationId) continue; // also skips the path item's `parameters`
        const key = [String(status), `${String(status)[0]}XX`, 'default'].find((k) => operation.responses?.[k] !== undefined);
        if (key === undefined) return `${operationId} does not declare the status ${status}`;
        const declared = operation.responses![key]!;
        if ('$ref' in declared) {
          const name = /^#\/components\/responses\/([^/]+)$/.exec(declared.$ref)?.[1];
          const response = name === undefined ? undefined : this.#document.components?.responses?.[name];
          return response === undefined ? `${operationId} ${status}: unresolved ${declared.$ref}` : { response, pointer: `/components/responses/${name}` };
        }
        return { response: declared, pointer: `/paths/${token(path)}/${method}/responses/${key}` };
      }
    }
    return `the document has no operation ${operationId}`;
  }
}

import { bundledResponses } from '../support/bundled-responses.js';
import { BUNDLED_OPENAPI } from '../support/document-sets.js';
import { describeErrors } from '../support/json-schema.js';
import { operationsOf, readDocument } from '../support/openapi-document.js';
import { repoPath } from '../support/workspace.js';
import type { Answer } from './http.js';

/** The bundled OpenAPI document generated from spec/: what Prism and the plain-Ajv check both read. */
export const OPENAPI_DOCUMENT = repoPath(BUNDLED_OPENAPI);

/** spec/openapi.yaml as committed, with its references to the schema files. */
export const SPEC_DOCUMENT = repoPath('spec/openapi.yaml');

/**
 * Checks an answer against the response the bundled document declares for its operation and HTTP status, with plain
 * Ajv (JSON Schema 2020-12, as OpenAPI 3.1 says) and none of this project's validators.
 */
export class ResponseCheck {
  readonly #operations = operationsOf(readDocument(BUNDLED_OPENAPI));
  readonly #contractOf = bundledResponses(BUNDLED_OPENAPI);

  /** Why the answer breaks the contract of `operationId`; empty when it keeps it. */
  issues(operationId: string, answer: Answer): readonly string[] {
    const operation = this.#operations.find((candidate) => candidate.operationId === operationId);
    if (operation === undefined) return [`the document has no operation ${operationId}`];
    // The exact status, then its class (`4XX`), then `default` (OpenAPI 3.1, section 4.8.16).
    const key = [String(answer.status), `${String(answer.status)[0]}XX`, 'default'].find((k) => operation.statuses.includes(k));
    if (key === undefined) return [`${operationId} does not declare the status ${answer.status}`];
    const { validateBody } = this.#contractOf(operation, key);
    const mediaType = (answer.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (validateBody === undefined || mediaType !== 'application/json') return [`${operationId} ${answer.status}: no content declared for "${mediaType}"`];
    return validateBody(answer.body) ? [] : [`${operationId} ${answer.status}: ${describeErrors(validateBody.errors)}`];
  }
}

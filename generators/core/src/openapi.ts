import { join } from 'node:path';
import type { Diagnostic } from './diagnostic.js';
import type { HttpOperation, ResponseCode } from './model.js';
import { appendPointer, isRecord } from './pointer.js';
import type { SchemaSet } from './schemas.js';
import { at, type Located, SPEC_LAYOUT, type SpecFiles } from './spec-files.js';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/**
 * Reads the HTTPS operations (OpenAPI Paths Object, spec section 4.8.8) and checks them against the registry:
 * every operation lists the codes it can return (`x-response-codes`), has a response for each of their HTTP
 * statuses and none besides, answers errors with the error envelope, sends `Retry-After` with retryable codes,
 * and its examples match their schemas.
 */
export function readOperations(
  files: SpecFiles,
  schemas: SchemaSet,
  registry: readonly ResponseCode[],
): { operations: HttpOperation[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const operations: HttpOperation[] = [];
  const doc = files.openapi;
  const byCode = new Map(registry.map((c) => [c.code, c]));
  const errorEnvelope = join(files.specDir, SPEC_LAYOUT.errorResponse);
  const follow = files.follow;
  /** The examples of a parameter, header or media type (`example` or `examples`), with where each one is. */
  const examplesOf = (media: Located): Located[] => {
    if (!isRecord(media.value)) return [];
    const list: Located[] = [];
    if ('example' in media.value) list.push({ value: media.value.example, file: media.file, pointer: appendPointer(media.pointer, 'example') });
    if (isRecord(media.value.examples)) {
      for (const [name, example] of Object.entries(media.value.examples)) {
        const located = follow(example, media.file, appendPointer(media.pointer, 'examples', name));
        if (isRecord(located.value) && 'value' in located.value)
          list.push({ value: located.value.value, file: located.file, pointer: appendPointer(located.pointer, 'value') });
      }
    }
    return list;
  };
  /** A parameter, header or media type: its examples must match its schema. */
  const checkSchemaAndExamples = (holder: Located): void => {
    if (!isRecord(holder.value) || !('schema' in holder.value)) return;
    const schemaPointer = appendPointer(holder.pointer, 'schema');
    for (const example of examplesOf(holder)) {
      diagnostics.push(...schemas.checkExample(holder.file, schemaPointer, holder.value.schema, example.value, example.file, example.pointer));
    }
  };

  const paths = isRecord(doc.data) && isRecord(doc.data.paths) ? doc.data.paths : {};
  for (const [path, pathItem] of Object.entries(paths)) {
    if (!isRecord(pathItem)) continue;
    const pathPointer = appendPointer('/paths', path);
    for (const parameter of Array.isArray(pathItem.parameters) ? pathItem.parameters : []) {
      checkSchemaAndExamples(follow(parameter, doc, pathPointer));
    }
    for (const method of METHODS) {
      const operation = pathItem[method];
      if (!isRecord(operation)) continue;
      const opPointer = appendPointer(pathPointer, method);
      const problem = (pointer: string, message: string, rule: string): void => void diagnostics.push(at(doc, pointer, message, rule));
      const label = `${method.toUpperCase()} ${path}`;
      if (typeof operation.operationId !== 'string')
        problem(opPointer, `${label} needs an "operationId": generators name its function after it.`, 'openapi/operation-id');

      const listed = operation['x-response-codes'];
      const codes: ResponseCode[] = [];
      if (!Array.isArray(listed) || listed.length === 0) {
        problem(opPointer, `${label} needs "x-response-codes": the registry codes it can return.`, 'openapi/response-codes');
      } else {
        listed.forEach((code: unknown, i) => {
          const entry = typeof code === 'number' ? byCode.get(code) : undefined;
          if (entry === undefined)
            problem(
              appendPointer(opPointer, 'x-response-codes', i),
              `${label} lists ${JSON.stringify(code)}, which is not a code of the registry (${SPEC_LAYOUT.registry}).`,
              'openapi/unknown-code',
            );
          else if (entry.retired !== null)
            problem(
              appendPointer(opPointer, 'x-response-codes', i),
              `${label} lists code ${entry.code}, which is retired (${entry.retired.reason}).`,
              'openapi/retired-code',
            );
          else codes.push(entry);
        });
      }

      for (const parameter of Array.isArray(operation.parameters) ? operation.parameters : []) checkSchemaAndExamples(follow(parameter, doc, opPointer));
      const body = follow(operation.requestBody, doc, appendPointer(opPointer, 'requestBody'));
      const bodyMedia = isRecord(body.value) && isRecord(body.value.content) ? body.value.content['application/json'] : undefined;
      if (bodyMedia !== undefined)
        checkSchemaAndExamples({ value: bodyMedia, file: body.file, pointer: appendPointer(body.pointer, 'content', 'application/json') });

      const responses = isRecord(operation.responses) ? operation.responses : {};
      const statusesOfCodes = new Set(codes.map((c) => String(c.httpStatus)));
      for (const code of codes) {
        if (!(String(code.httpStatus) in responses)) {
          problem(
            appendPointer(opPointer, 'responses'),
            `${label} lists code ${code.code} but has no response for its HTTP status ${code.httpStatus}.`,
            'openapi/missing-response',
          );
        }
      }
      let successSchemaId: string | null = null;
      for (const [status, responseRef] of Object.entries(responses)) {
        const responsePointer = appendPointer(opPointer, 'responses', status);
        if (!statusesOfCodes.has(status)) {
          problem(
            responsePointer,
            `${label} has a ${status} response, but none of its x-response-codes has HTTP status ${status}.`,
            'openapi/unlisted-response',
          );
          continue;
        }
        const response = follow(responseRef, doc, responsePointer);
        const responseCodes = codes.filter((c) => String(c.httpStatus) === status);
        const retryable = responseCodes.filter((c) => c.retryable);
        const headers = isRecord(response.value) && isRecord(response.value.headers) ? response.value.headers : {};
        if (retryable.length > 0 && !Object.keys(headers).some((h) => h.toLowerCase() === 'retry-after')) {
          problem(
            responsePointer,
            `The ${status} response of ${label} must declare the Retry-After header: code ${retryable.map((c) => c.code).join(', ')} is retryable.`,
            'openapi/retry-after',
          );
        }
        for (const [name, header] of Object.entries(headers))
          checkSchemaAndExamples(follow(header, response.file, appendPointer(response.pointer, 'headers', name)));
        const content = isRecord(response.value) && isRecord(response.value.content) ? response.value.content : {};
        const media: Located = {
          value: content['application/json'],
          file: response.file,
          pointer: appendPointer(response.pointer, 'content', 'application/json'),
        };
        const schema = isRecord(media.value) ? media.value.schema : undefined;
        if (schema === undefined) {
          problem(
            responsePointer,
            `The ${status} response of ${label} needs an application/json body: every response carries a code.`,
            'openapi/response-body',
          );
          continue;
        }
        checkSchemaAndExamples(media);
        const schemaTarget = follow(schema, media.file, appendPointer(media.pointer, 'schema'));
        const isErrorStatus = responseCodes.some((c) => c.category !== 'Success');
        if (isErrorStatus && !(schemaTarget.file.absolutePath === errorEnvelope && schemaTarget.pointer === '')) {
          problem(
            appendPointer(media.pointer, 'schema'),
            `The ${status} response of ${label} must use the error envelope (${SPEC_LAYOUT.errorResponse}).`,
            'openapi/error-envelope',
          );
        }
        if (!isErrorStatus) successSchemaId = schemas.idOf(schemaTarget.file) ?? null;
        for (const example of examplesOf(media)) {
          const code = isRecord(example.value) ? example.value.code : undefined;
          if (typeof code === 'number' && !responseCodes.some((c) => c.code === code)) {
            diagnostics.push(
              at(
                example.file,
                appendPointer(example.pointer, 'code'),
                `An example of the ${status} response of ${label} carries code ${code}, which is not one of its codes with HTTP status ${status} (${responseCodes.map((c) => c.code).join(', ')}).`,
                'example/code-status',
              ),
            );
          }
        }
      }

      const requestSchema = isRecord(bodyMedia) && bodyMedia.schema !== undefined ? follow(bodyMedia.schema, body.file, '') : undefined;
      operations.push({
        operationId: typeof operation.operationId === 'string' ? operation.operationId : '',
        method: method.toUpperCase(),
        path,
        summary: typeof operation.summary === 'string' ? operation.summary : '',
        description: typeof operation.description === 'string' ? operation.description : '',
        responseCodes: codes.map((c) => c.code).sort((a, b) => a - b),
        requestSchemaId: requestSchema === undefined ? null : (schemas.idOf(requestSchema.file) ?? null),
        successSchemaId,
      });
    }
  }
  return { operations: operations.sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method)), diagnostics };
}

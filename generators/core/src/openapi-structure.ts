import type { Diagnostic } from '@iotv1/generator-kit';
import { summariseAjvErrors } from './ajv-errors.js';
import { precompiledValidator } from './precompiled.js';
import type { SourceFile } from './source.js';
import { at } from './spec-files.js';

/** The OpenAPI 3.1 schema (see openapi-31-schema.ts), compiled by Ajv at build time. */
const validate = precompiledValidator('openapi-31.validator.cjs');

/** Checks the document against the official OpenAPI 3.1 schema (spec.openapis.org/oas/3.1/schema). */
export function checkOpenApiStructure(file: SourceFile): Diagnostic[] {
  if (validate(file.data)) return [];
  return summariseAjvErrors(validate.errors ?? []).map((p) =>
    at(file, p.instancePath, `Not valid OpenAPI 3.1: ${p.instancePath === '' ? 'the document' : p.instancePath} ${p.message}.`, 'openapi/structure'),
  );
}

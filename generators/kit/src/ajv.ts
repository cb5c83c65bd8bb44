import Ajv2020Module, { type Options } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

// ajv and ajv-formats are CommonJS with a default export.
const Ajv2020 = Ajv2020Module.default;
const addFormats = addFormatsModule.default;

export type Ajv = InstanceType<typeof Ajv2020>;

/**
 * The one Ajv configuration of the toolchain: JSON Schema 2020-12, strict about keywords (an annotation the spec
 * uses must be declared), lenient where OpenAPI schemas routinely are (`type` unions, `required` without
 * `properties`), with ajv-formats' formats. The spec checker and the validators generator differ only in `extra`:
 * all errors for a report, or the first error and standalone code for untrusted input.
 */
export function createAjv(extra: Pick<Options, 'allErrors' | 'code'>): Ajv {
  const ajv = new Ajv2020({ strict: true, strictTypes: false, strictRequired: false, allowUnionTypes: true, ...extra });
  addFormats(ajv);
  return ajv;
}

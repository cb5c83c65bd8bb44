import { banner, type ContractModel, contractStamp, type GeneratedFile, type Generator, generatorIdentity, jsonFile } from '@iotv1/generator-kit';
import { stringify } from 'yaml';

const OUT_DIR = 'packages/spec/src/gen';
const packageJson = generatorIdentity(new URL('../package.json', import.meta.url));

/**
 * `packages/spec/src/gen` (`@iotv1/spec`): the contract as single-file documents, every reference internal, in JSON
 * and YAML, and the JSON Schemas as published, for tools that take one file (Swagger UI, Postman, Prism, generators).
 * JSON has no comments, so the JSON files carry no banner; the package README says they are generated.
 */
export const specGenerator: Generator = {
  name: packageJson.name,
  version: packageJson.version,
  outDir: OUT_DIR,
  generate(model: ContractModel): GeneratedFile[] {
    const yamlBanner = banner.hash(specGenerator);
    const { openapi, asyncapi, schemas } = model.bundles;
    return [
      { path: `${OUT_DIR}/contract.json`, content: jsonFile(contractStamp(specGenerator, model)) },
      { path: `${OUT_DIR}/openapi.json`, content: jsonFile(openapi) },
      { path: `${OUT_DIR}/openapi.yaml`, content: yamlBanner + yamlFile(openapi) },
      { path: `${OUT_DIR}/asyncapi.json`, content: jsonFile(asyncapi) },
      { path: `${OUT_DIR}/asyncapi.yaml`, content: yamlBanner + yamlFile(asyncapi) },
      ...schemas.map((s) => ({ path: `${OUT_DIR}/${s.file}`, content: jsonFile(s.schema) })),
    ];
  },
};

/** Block style, no line folding, no anchors: a diff shows each changed value on its own line. */
function yamlFile(document: unknown): string {
  return stringify(document, { lineWidth: 0, aliasDuplicateObjects: false });
}

import { bannerLines, type ContractModel, type GeneratedFile, type Generator, generatorFiles, generatorIdentity, jsonFile } from '@iotv1/generator-core/kit';
import { stringify } from 'yaml';

const OUT_DIR = 'packages/spec';
const packageJson = generatorIdentity(new URL('../package.json', import.meta.url));
const { template } = generatorFiles(import.meta.url);

/**
 * `packages/spec` (`@iotv1/spec`): the contract as single-file documents, every reference internal, in JSON and
 * YAML, and the JSON Schemas as published, for tools that take one file (Swagger UI, Postman, Prism, generators).
 */
export const specGenerator: Generator = {
  name: packageJson.name,
  version: packageJson.version,
  outDir: OUT_DIR,
  generate(model: ContractModel): GeneratedFile[] {
    const banner = bannerLines(specGenerator, model);
    const yamlBanner = `${banner.map((line) => `# ${line}`).join('\n')}\n`;
    const { openapi, asyncapi, schemas } = model.bundles;
    return [
      { path: `${OUT_DIR}/package.json`, content: jsonFile(manifest(model)) },
      { path: `${OUT_DIR}/README.md`, content: template('README.md.hbs')({ banner, version: model.version, schemas: schemas.map((s) => s.file) }) },
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

function manifest(model: ContractModel): Record<string, unknown> {
  return {
    name: '@iotv1/spec',
    version: model.version,
    description: 'The iot/v1 contract as bundled OpenAPI 3.1 and AsyncAPI 3 documents (JSON and YAML, every reference internal) and its JSON Schemas.',
    license: 'Apache-2.0',
    exports: {
      './openapi.json': './openapi.json',
      './openapi.yaml': './openapi.yaml',
      './asyncapi.json': './asyncapi.json',
      './asyncapi.yaml': './asyncapi.yaml',
      './schemas/*': './schemas/*',
      './package.json': './package.json',
    },
    files: ['openapi.json', 'openapi.yaml', 'asyncapi.json', 'asyncapi.yaml', 'schemas', 'README.md'],
    iotv1: { specVersion: model.version, contentHash: model.contentHash, generator: `${packageJson.name}@${packageJson.version}` },
  };
}

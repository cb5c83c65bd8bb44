import {
  bannerLines,
  type ContractModel,
  docCommentText,
  type GeneratedFile,
  type Generator,
  generatorFiles,
  generatorIdentity,
  jsonFile,
} from '@iotv1/generator-core/kit';
import { validatorNames } from './names.js';
import { standaloneValidators } from './standalone.js';
import { schemaTypes } from './types.js';
import { validatorSources, validatorsView } from './view-model.js';

const OUT_DIR = 'packages/validators';
const packageJson = generatorIdentity(new URL('../package.json', import.meta.url));
const { template, runtime } = generatorFiles(import.meta.url);

/** Hand-written runtime, the same for every spec: copied verbatim below the banner. */
const RUNTIME_FILES = ['helpers.ts', 'formats.ts', 'result.ts', 'replies.ts', 'conformance.ts', 'fastify.ts', 'index.ts'] as const;

/** `packages/validators` (`@iotv1/validators`): precompiled validators, canonical error replies, a Fastify adapter. */
export const validatorsGenerator: Generator = {
  name: packageJson.name,
  version: packageJson.version,
  outDir: OUT_DIR,
  async generate(model: ContractModel): Promise<GeneratedFile[]> {
    const banner = bannerLines(validatorsGenerator, model);
    const tsBanner = `/**\n${banner.map((line) => ` * ${docCommentText(line)}`).join('\n')}\n */\n`;
    const names = validatorNames(model);
    return [
      { path: `${OUT_DIR}/package.json`, content: jsonFile(manifest(model)) },
      { path: `${OUT_DIR}/tsconfig.json`, content: jsonFile(TSCONFIG) },
      { path: `${OUT_DIR}/tsconfig.build.json`, content: jsonFile(TSCONFIG_BUILD) },
      { path: `${OUT_DIR}/README.md`, content: template('README.md.hbs')({ banner, version: model.version }) },
      // Ajv's output is plain JavaScript; the typed API over it is validators.ts.
      { path: `${OUT_DIR}/src/compiled.ts`, content: `${tsBanner}// @ts-nocheck\n${standaloneValidators(model, validatorSources(model, names))}` },
      { path: `${OUT_DIR}/src/types.ts`, content: `${tsBanner}\n${await schemaTypes(model)}` },
      { path: `${OUT_DIR}/src/validators.ts`, content: template('validators.ts.hbs')(validatorsView(model, names, banner)) },
      ...RUNTIME_FILES.map((name) => ({ path: `${OUT_DIR}/src/${name}`, content: `${tsBanner}\n${runtime(name)}` })),
    ];
  },
};

function manifest(model: ContractModel): Record<string, unknown> {
  return {
    name: '@iotv1/validators',
    version: model.version,
    description:
      'Precompiled validators for every iot/v1 request, response, MQTT payload and acknowledgement, canonical error responses, and a Fastify adapter.',
    license: 'Apache-2.0',
    type: 'module',
    sideEffects: false,
    engines: { node: '>=20' },
    exports: {
      '.': { types: './dist/index.d.ts', import: './dist/index.js' },
      './fastify': { types: './dist/fastify.d.ts', import: './dist/fastify.js' },
      './package.json': './package.json',
    },
    types: './dist/index.d.ts',
    files: ['dist', 'src', 'README.md'],
    iotv1: { specVersion: model.version, contentHash: model.contentHash, generator: `${packageJson.name}@${packageJson.version}` },
    scripts: { build: 'tsc -p tsconfig.build.json', typecheck: 'tsc -p tsconfig.json --noEmit', test: 'vitest run' },
    // ajv-formats only provides the format checks (date-time...) the precompiled code calls; nothing is compiled.
    dependencies: { '@iotv1/registry': 'workspace:*', 'ajv-formats': '3.0.1' },
    peerDependencies: { fastify: '^5.0.0' },
    peerDependenciesMeta: { fastify: { optional: true } },
    devDependencies: { '@types/node': 'catalog:', 'fast-check': 'catalog:', fastify: '5.12.8', typescript: 'catalog:', vitest: 'catalog:' },
  };
}

const TSCONFIG = { extends: '../../tsconfig.base.json', compilerOptions: { noEmit: true }, include: ['src', 'test'] };
const TSCONFIG_BUILD = { extends: '../../tsconfig.base.json', compilerOptions: { rootDir: 'src', outDir: 'dist' }, include: ['src'] };

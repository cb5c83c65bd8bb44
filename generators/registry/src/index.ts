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
import { readmeView } from './readme-view.js';
import { registryView } from './view-model.js';

const OUT_DIR = 'packages/registry';
const packageJson = generatorIdentity(new URL('../package.json', import.meta.url));
const { template, runtime } = generatorFiles(import.meta.url);

/** Hand-written runtime, the same for every spec: copied verbatim below the banner. */
const RUNTIME_FILES = ['lookups.ts', 'index.ts'] as const;

/** `packages/registry` (`@iotv1/registry`): the registry as typed constants, lookups and `classify`. */
export const registryGenerator: Generator = {
  name: packageJson.name,
  version: packageJson.version,
  outDir: OUT_DIR,
  generate(model: ContractModel): GeneratedFile[] {
    const banner = bannerLines(registryGenerator, model);
    const tsBanner = `/**\n${banner.map((line) => ` * ${docCommentText(line)}`).join('\n')}\n */\n\n`;
    return [
      { path: `${OUT_DIR}/package.json`, content: jsonFile(manifest(model)) },
      { path: `${OUT_DIR}/tsconfig.json`, content: jsonFile(TSCONFIG) },
      { path: `${OUT_DIR}/tsconfig.build.json`, content: jsonFile(TSCONFIG_BUILD) },
      { path: `${OUT_DIR}/README.md`, content: template('README.md.hbs')(readmeView(model, banner)) },
      { path: `${OUT_DIR}/src/registry.ts`, content: template('registry.ts.hbs')(registryView(model, banner)) },
      ...RUNTIME_FILES.map((name) => ({ path: `${OUT_DIR}/src/${name}`, content: tsBanner + runtime(name) })),
    ];
  },
};

function manifest(model: ContractModel): Record<string, unknown> {
  return {
    name: '@iotv1/registry',
    version: model.version,
    description: 'The iot/v1 response-code registry: typed constants, lookups, and classification of codes added later.',
    license: 'Apache-2.0',
    type: 'module',
    sideEffects: false,
    engines: { node: '>=20' },
    exports: { '.': { types: './dist/index.d.ts', import: './dist/index.js' }, './package.json': './package.json' },
    types: './dist/index.d.ts',
    files: ['dist', 'src', 'README.md'],
    iotv1: { specVersion: model.version, contentHash: model.contentHash, generator: `${packageJson.name}@${packageJson.version}` },
    scripts: { build: 'tsc -p tsconfig.build.json', typecheck: 'tsc -p tsconfig.json --noEmit', test: 'vitest run' },
    devDependencies: { '@types/node': 'catalog:', 'fast-check': 'catalog:', typescript: 'catalog:', vitest: 'catalog:' },
  };
}

const TSCONFIG = { extends: '../../tsconfig.base.json', compilerOptions: { noEmit: true }, include: ['src', 'test'] };
const TSCONFIG_BUILD = { extends: '../../tsconfig.base.json', compilerOptions: { rootDir: 'src', outDir: 'dist' }, include: ['src'] };

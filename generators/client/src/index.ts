import {
  bannerLines,
  type ContractModel,
  docCommentText,
  type GeneratedFile,
  type Generator,
  generatorFiles,
  generatorIdentity,
  jsonFile,
  markdownCell,
} from '@iotv1/generator-core/kit';
import { mqttTypes, pathTypes } from './types.js';
import { mqttView, operationsView } from './view-model.js';

const OUT_DIR = 'packages/client';
const packageJson = generatorIdentity(new URL('../package.json', import.meta.url));
const { template, runtime } = generatorFiles(import.meta.url);

/** Hand-written runtime, the same for every spec: copied verbatim below the banner. */
const RUNTIME_FILES = ['result.ts', 'retry.ts', 'http.ts', 'device.ts', 'index.ts'] as const;

/** `packages/client` (`@iotv1/client`): typed operations over HTTPS (fetch) and MQTT (mqtt.js), one result model. */
export const clientGenerator: Generator = {
  name: packageJson.name,
  version: packageJson.version,
  outDir: OUT_DIR,
  async generate(model: ContractModel): Promise<GeneratedFile[]> {
    const banner = bannerLines(clientGenerator, model);
    const tsBanner = `/**\n${banner.map((line) => ` * ${docCommentText(line)}`).join('\n')}\n */\n\n`;
    return [
      { path: `${OUT_DIR}/package.json`, content: jsonFile(manifest(model)) },
      { path: `${OUT_DIR}/tsconfig.json`, content: jsonFile(TSCONFIG) },
      { path: `${OUT_DIR}/tsconfig.build.json`, content: jsonFile(TSCONFIG_BUILD) },
      {
        path: `${OUT_DIR}/README.md`,
        content: template('README.md.hbs')({ banner: banner.map((line) => line.replace(/--/g, '- -')), version: markdownCell(model.version) }),
      },
      { path: `${OUT_DIR}/src/paths.ts`, content: tsBanner + (await pathTypes(model)) },
      { path: `${OUT_DIR}/src/mqtt-types.ts`, content: tsBanner + (await mqttTypes(model)) },
      { path: `${OUT_DIR}/src/operations.ts`, content: template('operations.ts.hbs')(operationsView(model, banner)) },
      { path: `${OUT_DIR}/src/mqtt.ts`, content: template('mqtt.ts.hbs')(mqttView(model, banner)) },
      ...RUNTIME_FILES.map((name) => ({ path: `${OUT_DIR}/src/${name}`, content: tsBanner + runtime(name) })),
    ];
  },
};

function manifest(model: ContractModel): Record<string, unknown> {
  return {
    name: '@iotv1/client',
    version: model.version,
    description:
      'Typed iot/v1 device client: HTTPS operations (fetch, browsers and Node) and MQTT feed data with acknowledgements, one result model, safe retries.',
    license: 'Apache-2.0',
    type: 'module',
    sideEffects: false,
    engines: { node: '>=20' },
    exports: {
      '.': { types: './dist/index.d.ts', import: './dist/index.js' },
      './mqtt': { types: './dist/mqtt.d.ts', import: './dist/mqtt.js' },
      './package.json': './package.json',
    },
    types: './dist/index.d.ts',
    files: ['dist', 'src', 'README.md'],
    iotv1: { specVersion: model.version, contentHash: model.contentHash, generator: `${packageJson.name}@${packageJson.version}` },
    scripts: { build: 'tsc -p tsconfig.build.json', typecheck: 'tsc -p tsconfig.json --noEmit', test: 'vitest run' },
    dependencies: { '@iotv1/registry': 'workspace:*' },
    // Only `@iotv1/client/mqtt` needs mqtt.js; the HTTPS entry never imports it.
    peerDependencies: { mqtt: '^5.0.0' },
    peerDependenciesMeta: { mqtt: { optional: true } },
    devDependencies: {
      '@arethetypeswrong/cli': '0.18.5',
      '@iotv1/reference-server': 'workspace:*',
      '@types/node': 'catalog:',
      'fast-check': 'catalog:',
      mqtt: '5.16.0',
      typescript: 'catalog:',
      undici: '7.30.2',
      vitest: 'catalog:',
    },
  };
}

const TSCONFIG = { extends: '../../tsconfig.base.json', compilerOptions: { noEmit: true }, include: ['src', 'test'] };
const TSCONFIG_BUILD = { extends: '../../tsconfig.base.json', compilerOptions: { rootDir: 'src', outDir: 'dist' }, include: ['src'] };

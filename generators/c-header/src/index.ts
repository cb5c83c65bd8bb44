import {
  bannerLines,
  type ContractModel,
  cString,
  type GeneratedFile,
  type Generator,
  generatorFiles,
  generatorIdentity,
  jsonFile,
  markdownCell,
} from '@iotv1/generator-core/kit';
import { actionOf, categoryName, hashIdOf, headerView, sourceView } from './view-model.js';

const OUT_DIR = 'packages/c-header';
const packageJson = generatorIdentity(new URL('../package.json', import.meta.url));
const { template } = generatorFiles(import.meta.url);

/** `packages/c-header` (`@iotv1/c-header`): `iotv1.h` + `iotv1.c` for firmware, with CMake and PlatformIO files. */
export const cHeaderGenerator: Generator = {
  name: packageJson.name,
  version: packageJson.version,
  outDir: OUT_DIR,
  generate(model: ContractModel): GeneratedFile[] {
    const banner = bannerLines(cHeaderGenerator, model);
    const vectors = model.registry.map((e, i) => ({
      code: e.code,
      httpStatus: e.httpStatus,
      category: categoryName(e.category),
      retryable: e.retryable ? 1 : 0,
      action: actionOf(e),
      fallback: e.httpFallback ? 1 : 0,
      errorType: e.errorType === null ? 'NULL' : cString(e.errorType),
      separator: i === model.registry.length - 1 ? '' : ',',
    }));
    return [
      { path: `${OUT_DIR}/include/iotv1.h`, content: template('iotv1.h.hbs')(headerView(model, banner)) },
      { path: `${OUT_DIR}/src/iotv1.c`, content: template('iotv1.c.hbs')(sourceView(model, banner)) },
      { path: `${OUT_DIR}/test/iotv1_vectors.h`, content: template('vectors.h.hbs')({ banner: headerView(model, banner).banner, vectors }) },
      { path: `${OUT_DIR}/CMakeLists.txt`, content: template('CMakeLists.txt.hbs')({ banner, version: model.version }) },
      { path: `${OUT_DIR}/library.json`, content: jsonFile(platformio(model)) },
      { path: `${OUT_DIR}/tsconfig.json`, content: jsonFile(TSCONFIG) },
      { path: `${OUT_DIR}/package.json`, content: jsonFile(manifest(model)) },
      {
        path: `${OUT_DIR}/README.md`,
        content: template('README.md.hbs')({
          banner: banner.map((line) => line.replace(/--/g, '- -')),
          version: markdownCell(model.version),
          actions: model.registry.map((e) => ({
            code: e.code,
            errorType: markdownCell(e.errorType ?? 'n/a'),
            action: actionOf(e).replace('IOTV1_ACTION_', '').toLowerCase().replace('_', ' '),
          })),
        }),
      },
    ];
  },
};

/** PlatformIO library manifest (library.json). */
function platformio(model: ContractModel): Record<string, unknown> {
  return {
    name: 'iotv1',
    version: model.version,
    description: `iot/v1 response codes and device handling rule (contract ${model.version}, hash ${hashIdOf(model)})`,
    keywords: ['iot', 'response-codes', 'iotv1'],
    license: 'Apache-2.0',
    frameworks: '*',
    platforms: '*',
    build: { srcDir: 'src', includeDir: 'include' },
  };
}

function manifest(model: ContractModel): Record<string, unknown> {
  return {
    name: '@iotv1/c-header',
    version: model.version,
    description: 'iot/v1 response codes for firmware: a C89 header and source, with CMake and PlatformIO files.',
    license: 'Apache-2.0',
    type: 'module',
    files: ['include', 'src', 'CMakeLists.txt', 'library.json', 'README.md'],
    iotv1: { specVersion: model.version, contentHash: model.contentHash, generator: `${packageJson.name}@${packageJson.version}` },
    scripts: { test: 'vitest run', typecheck: 'tsc -p tsconfig.json --noEmit' },
    devDependencies: { '@types/node': 'catalog:', typescript: 'catalog:', vitest: 'catalog:' },
  };
}

/** Type-checks the package's own tests (the package ships C, not TypeScript). */
const TSCONFIG = { extends: '../../tsconfig.base.json', compilerOptions: { noEmit: true }, include: ['test'] };

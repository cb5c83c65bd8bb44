import { banner, type ContractModel, type GeneratedFile, type Generator, generatorFiles, generatorIdentity } from '@iotv1/generator-kit';
import { payloadsView } from './payloads.js';
import { registryView, tablesView, versionView } from './view-model.js';

const OUT_DIR = 'packages/c-header/src/gen';
const packageJson = generatorIdentity(new URL('../package.json', import.meta.url));
const { template } = generatorFiles(import.meta.url);

/**
 * `packages/c-header/src/gen` (`@iotv1/c-header`): the registry for firmware as C89 headers; `iotv1.h`, `iotv1.c`
 * and the build files around them are hand-written in `packages/c-header`.
 */
export const cHeaderGenerator: Generator = {
  name: packageJson.name,
  version: packageJson.version,
  outDir: OUT_DIR,
  generate(model: ContractModel): GeneratedFile[] {
    const cBanner = banner.c(cHeaderGenerator);
    const payloads = payloadsView(model, cBanner);
    return [
      { path: `${OUT_DIR}/iotv1_version.h`, content: template('iotv1_version.h.hbs')(versionView(model, cBanner)) },
      { path: `${OUT_DIR}/iotv1_registry.h`, content: template('iotv1_registry.h.hbs')(registryView(model, cBanner)) },
      { path: `${OUT_DIR}/iotv1_tables.h`, content: template('iotv1_tables.h.hbs')(tablesView(model, cBanner)) },
      { path: `${OUT_DIR}/iotv1_payloads.h`, content: template('iotv1_payloads.h.hbs')(payloads) },
      { path: `${OUT_DIR}/iotv1_payload_tables.h`, content: template('iotv1_payload_tables.h.hbs')(payloads) },
    ];
  },
};

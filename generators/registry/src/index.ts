import { banner, type ContractModel, contractModule, type GeneratedFile, type Generator, generatorFiles, generatorIdentity } from '@iotv1/generator-kit';
import { registryView } from './view-model.js';

const OUT_DIR = 'packages/registry/src/gen';
const packageJson = generatorIdentity(new URL('../package.json', import.meta.url));
const { template } = generatorFiles(import.meta.url);

/** `packages/registry/src/gen` (`@iotv1/registry`): the registry as typed constants; the lookups are hand-written. */
export const registryGenerator: Generator = {
  name: packageJson.name,
  version: packageJson.version,
  outDir: OUT_DIR,
  generate(model: ContractModel): GeneratedFile[] {
    return [
      { path: `${OUT_DIR}/contract.ts`, content: contractModule(registryGenerator, model) },
      { path: `${OUT_DIR}/registry.ts`, content: template('registry.ts.hbs')(registryView(model, banner.ts(registryGenerator))) },
    ];
  },
};

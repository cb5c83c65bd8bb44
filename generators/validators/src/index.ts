import { banner, type ContractModel, contractModule, type GeneratedFile, type Generator, generatorFiles, generatorIdentity } from '@iotv1/generator-kit';
import { validatorNames } from './names.js';
import { standaloneValidators } from './standalone.js';
import { schemaTypes } from './types.js';
import { validatorSources, validatorsView } from './view-model.js';

const OUT_DIR = 'packages/validators/src/gen';
const packageJson = generatorIdentity(new URL('../package.json', import.meta.url));
const { template } = generatorFiles(import.meta.url);

/**
 * `packages/validators/src/gen` (`@iotv1/validators`): precompiled validators and the payload types; the error
 * replies, conformance checks and Fastify adapter over them are hand-written in `packages/validators/src`.
 */
export const validatorsGenerator: Generator = {
  name: packageJson.name,
  version: packageJson.version,
  outDir: OUT_DIR,
  async generate(model: ContractModel): Promise<GeneratedFile[]> {
    const tsBanner = banner.ts(validatorsGenerator);
    const names = validatorNames(model);
    return [
      { path: `${OUT_DIR}/contract.ts`, content: contractModule(validatorsGenerator, model) },
      // Ajv's output is plain JavaScript; the typed API over it is validators.ts.
      { path: `${OUT_DIR}/compiled.ts`, content: `${tsBanner}// @ts-nocheck\n${standaloneValidators(model, validatorSources(model, names))}` },
      { path: `${OUT_DIR}/types.ts`, content: `${tsBanner}\n${await schemaTypes(model)}` },
      { path: `${OUT_DIR}/validators.ts`, content: template('validators.ts.hbs')(validatorsView(model, names, tsBanner)) },
    ];
  },
};

import { banner, type ContractModel, contractModule, type GeneratedFile, type Generator, generatorFiles, generatorIdentity } from '@iotv1/generator-kit';
import { mqttTypes, pathTypes } from './types.js';
import { mqttView, operationsView } from './view-model.js';

const OUT_DIR = 'packages/client/src/gen';
const packageJson = generatorIdentity(new URL('../package.json', import.meta.url));
const { template } = generatorFiles(import.meta.url);

/**
 * `packages/client/src/gen` (`@iotv1/client`): the types and one typed function per operation and MQTT message; the
 * transport, retries and result model they call are hand-written in `packages/client/src`.
 */
export const clientGenerator: Generator = {
  name: packageJson.name,
  version: packageJson.version,
  outDir: OUT_DIR,
  async generate(model: ContractModel): Promise<GeneratedFile[]> {
    const tsBanner = banner.ts(clientGenerator);
    return [
      { path: `${OUT_DIR}/contract.ts`, content: contractModule(clientGenerator, model) },
      { path: `${OUT_DIR}/paths.ts`, content: `${tsBanner}\n${await pathTypes(model)}` },
      { path: `${OUT_DIR}/mqtt-types.ts`, content: `${tsBanner}\n${await mqttTypes(model)}` },
      { path: `${OUT_DIR}/operations.ts`, content: template('operations.ts.hbs')(operationsView(model, tsBanner)) },
      { path: `${OUT_DIR}/mqtt.ts`, content: template('mqtt.ts.hbs')(mqttView(model, tsBanner)) },
    ];
  },
};

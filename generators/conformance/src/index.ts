import {
  banner,
  type ContractModel,
  DEVICE_ACTIONS,
  type GeneratedFile,
  type Generator,
  generatorFiles,
  generatorIdentity,
  jsonFile,
} from '@iotv1/generator-kit';
import { cTableView } from './c-table.js';
import { httpsVectors, VECTOR_CLOCK } from './https-vectors.js';
import { mqttVectors } from './mqtt-vectors.js';
import { payloadVectors } from './payload-vectors.js';
import type { Vectors } from './vectors.js';

export type { HttpsVector, MqttVector, PayloadLocation, PayloadVector, Vectors } from './vectors.js';

const OUT_DIR = 'packages/conformance/src/gen';
const packageJson = generatorIdentity(new URL('../package.json', import.meta.url));
const { template } = generatorFiles(import.meta.url);

/** Every vector of a contract: what each target must make of each answer and payload. */
export function conformanceVectors(model: ContractModel): Vectors {
  return {
    contract: { version: model.version, contentHash: model.contentHash },
    now: VECTOR_CLOCK,
    actions: [...DEVICE_ACTIONS],
    https: httpsVectors(model),
    mqtt: mqttVectors(model),
    payloads: payloadVectors(model),
  };
}

/** iotv1_conformance.h for `vectors`: the C tables a host test of any C header release runs. */
export function conformanceCTables(vectors: Vectors): string {
  return template('iotv1_conformance.h.hbs')(cTableView(vectors, banner.c(conformanceGenerator)));
}

/** `packages/conformance/src/gen` (`@iotv1/conformance`): the vectors as JSON, and as C tables for host tests. */
export const conformanceGenerator: Generator = {
  name: packageJson.name,
  version: packageJson.version,
  outDir: OUT_DIR,
  generate(model: ContractModel): GeneratedFile[] {
    const vectors = conformanceVectors(model);
    return [
      { path: `${OUT_DIR}/vectors.json`, content: jsonFile(vectors) },
      { path: `${OUT_DIR}/iotv1_conformance.h`, content: conformanceCTables(vectors) },
    ];
  },
};

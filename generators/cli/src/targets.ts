import type { Generator } from '@iotv1/generator-core';
import { registryGenerator } from '@iotv1/generator-registry';
import { validatorsGenerator } from '@iotv1/generator-validators';

/** Every target `pnpm generate` runs. A new target is a generator package added here. */
export const TARGETS: readonly Generator[] = [registryGenerator, validatorsGenerator];

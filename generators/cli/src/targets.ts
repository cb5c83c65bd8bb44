import type { Generator } from '@iotv1/generator-core';

/**
 * Every target `pnpm generate` runs. A new target is a generator package added here. Loaded on demand: when
 * nothing changed, `generate` stops before paying for the generators' dependencies (Ajv, Prettier, TypeScript...).
 */
export async function loadTargets(): Promise<readonly Generator[]> {
  return Promise.all([
    import('@iotv1/generator-c-header').then((m) => m.cHeaderGenerator),
    import('@iotv1/generator-client').then((m) => m.clientGenerator),
    import('@iotv1/generator-docs').then((m) => m.docsGenerator),
    import('@iotv1/generator-registry').then((m) => m.registryGenerator),
    import('@iotv1/generator-validators').then((m) => m.validatorsGenerator),
  ]);
}

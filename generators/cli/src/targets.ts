import type { ContractModel, Generator } from '@iotv1/generator-kit';
import type { TargetOutput } from './target-runner.js';

type LoadTarget = () => Promise<Generator>;

/*
 * Every target `pnpm generate` runs; a new target is a generator package added to one of the two lists. Targets are
 * loaded on demand: when nothing changed, `generate` stops before paying for their dependencies.
 */

/** Targets that load compilers (the TypeScript compiler, Ajv): loaded in a worker thread while the spec is checked. */
const WORKER_TARGETS: readonly LoadTarget[] = [
  () => import('@iotv1/generator-client').then((m) => m.clientGenerator),
  () => import('@iotv1/generator-validators').then((m) => m.validatorsGenerator),
];

/** Targets made from templates alone: run on the main thread, otherwise idle once the spec is checked. */
const MAIN_THREAD_TARGETS: readonly LoadTarget[] = [
  () => import('@iotv1/generator-c-header').then((m) => m.cHeaderGenerator),
  () => import('@iotv1/generator-conformance').then((m) => m.conformanceGenerator),
  () => import('@iotv1/generator-docs').then((m) => m.docsGenerator),
  () => import('@iotv1/generator-registry').then((m) => m.registryGenerator),
  () => import('@iotv1/generator-spec').then((m) => m.specGenerator),
];

export function loadWorkerTargets(): Promise<Generator[]> {
  return Promise.all(WORKER_TARGETS.map((load) => load()));
}

export function loadMainThreadTargets(): Promise<Generator[]> {
  return Promise.all(MAIN_THREAD_TARGETS.map((load) => load()));
}

/** Runs targets on a model: their files, and the directories they own. */
export async function runTargets(targets: readonly Generator[], model: ContractModel): Promise<TargetOutput> {
  const files = (await Promise.all(targets.map((target) => target.generate(model)))).flat();
  return { outDirs: targets.map((target) => target.outDir), files };
}

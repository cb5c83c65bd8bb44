import { parentPort } from 'node:worker_threads';
import type { ContractModel } from '@iotv1/generator-core';
import { packageTurboConfig } from './package-turbo.js';
import { loadTargets } from './targets.js';
import type { TargetOutput, TargetReply, TargetRequest } from './targets-in-worker.js';

/**
 * Runs every target in a worker thread. The targets start loading (TypeScript, Ajv, Prettier, Handlebars...) as soon
 * as the worker starts, while the main thread is still reading and checking the spec.
 */
const targets = loadTargets();

parentPort!.on('message', ({ id, model }: TargetRequest) => {
  run(model).then(
    (output) => parentPort!.postMessage({ id, ...output } satisfies TargetReply),
    (error: unknown) => parentPort!.postMessage({ id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies TargetReply),
  );
});

async function run(model: ContractModel): Promise<TargetOutput> {
  const loaded = await targets;
  const generated = (await Promise.all(loaded.map((target) => target.generate(model)))).flat();
  return {
    outDirs: loaded.map((target) => target.outDir),
    files: [...generated, ...loaded.map((target) => packageTurboConfig(target.outDir))],
  };
}

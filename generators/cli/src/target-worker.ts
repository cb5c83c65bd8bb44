import { parentPort } from 'node:worker_threads';
import type { TargetReply, TargetRequest } from './target-runner.js';
import { loadWorkerTargets, runTargets } from './targets.js';

/**
 * Runs the worker targets (see targets.ts). They start loading (the TypeScript compiler, Ajv...) as soon as the worker
 * starts, while the main thread is still reading and checking the spec.
 */
const targets = loadWorkerTargets();

parentPort!.on('message', ({ id, model }: TargetRequest) => {
  targets
    .then((loaded) => runTargets(loaded, model))
    .then(
      (output) => parentPort!.postMessage({ id, ...output } satisfies TargetReply),
      (error: unknown) => parentPort!.postMessage({ id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies TargetReply),
    );
});

import { parentPort } from 'node:worker_threads';
import { ContractError } from '@iotv1/generator-kit';
import type { TargetFailure, TargetReply, TargetRequest } from './target-runner.js';
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
      (error: unknown) => parentPort!.postMessage({ id, ...failure(error) } satisfies TargetReply),
    );
});

/** A spec problem keeps its diagnostics; any other failure is a bug, shown with its stack. */
function failure(error: unknown): TargetFailure {
  if (error instanceof ContractError) return { diagnostics: error.diagnostics };
  return { error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
}

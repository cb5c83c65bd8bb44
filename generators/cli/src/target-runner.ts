import { Worker } from 'node:worker_threads';
import type { ContractModel, GeneratedFile } from '@iotv1/generator-kit';
import { ContractError, type Diagnostic } from '@iotv1/generator-kit';
import { loadMainThreadTargets, runTargets } from './targets.js';

/** What every target produced from one model: the directories they own and their files. */
export interface TargetOutput {
  readonly outDirs: readonly string[];
  readonly files: readonly GeneratedFile[];
}

/** Runs every target on a Contract Model. */
export type TargetRunner = (model: ContractModel) => Promise<TargetOutput>;

export interface TargetRequest {
  readonly id: number;
  readonly model: ContractModel;
}

/**
 * Why a worker's targets produced nothing. A generator that meets a spec problem throws a ContractError; an Error
 * loses its own fields between threads, so its diagnostics travel on their own and the error is rebuilt here.
 */
export type TargetFailure = { readonly diagnostics: readonly Diagnostic[] } | { readonly error: string };

export type TargetReply = { readonly id: number } & (TargetOutput | TargetFailure);

let shared: TargetRunner | undefined;

/**
 * Every target: the heavy ones in a worker thread that lives as long as the process (so `--watch` loads them once),
 * the others on the main thread once the model is built. Call it early: loading the heavy targets costs most of a
 * second, which then overlaps with checking the spec.
 */
export function startTargets(): TargetRunner {
  if (shared === undefined) {
    const inWorker = startWorker();
    shared = async (model) => {
      const outputs = await Promise.all([inWorker(model), loadMainThreadTargets().then((targets) => runTargets(targets, model))]);
      return { outDirs: outputs.flatMap((o) => o.outDirs), files: outputs.flatMap((o) => o.files) };
    };
  }
  return shared;
}

/**
 * The heavy targets make a great deal of short-lived data (Ajv's generated code, the TypeScript printer's nodes): twice
 * V8's default young generation (semi-spaces of 32 MB instead of 16) scavenges half as often and promotes less, which
 * saves a tenth of a warm `--watch` run's time; a cold run does not change.
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 96 } as const;

function startWorker(): TargetRunner {
  const worker = new Worker(new URL('./target-worker.js', import.meta.url), { resourceLimits: WORKER_LIMITS });
  const pending = new Map<number, { resolve: (output: TargetOutput) => void; reject: (error: Error) => void }>();
  let nextId = 0;
  // An idle worker must not keep the process alive; a worker with a run in flight must.
  const holdProcess = (): void => {
    if (pending.size > 0) worker.ref();
    else worker.unref();
  };
  worker.on('message', (reply: TargetReply) => {
    const waiting = pending.get(reply.id);
    pending.delete(reply.id);
    holdProcess();
    if ('diagnostics' in reply) waiting?.reject(new ContractError(reply.diagnostics));
    else if ('error' in reply) waiting?.reject(new Error(`a generator failed: ${reply.error}`));
    else waiting?.resolve(reply);
  });
  worker.on('error', (error) => {
    shared = undefined;
    for (const waiting of pending.values()) waiting.reject(error);
    pending.clear();
  });
  holdProcess(); // after the listeners: adding a 'message' listener refs the worker again
  return (model) =>
    new Promise<TargetOutput>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      holdProcess();
      worker.postMessage({ id, model } satisfies TargetRequest);
    });
}

import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { SPEC_LAYOUT } from './spec-layout.js';

/** What the parser reports, as the worker sends it. */
export interface ParserDiagnostic {
  readonly severity: number;
  readonly code: string;
  readonly message: string;
  readonly path: readonly (string | number)[];
  readonly range?: { readonly start: { readonly line: number; readonly character: number } };
  readonly source?: string;
}

/** @asyncapi/parser running on one document in a worker thread. */
export interface AsyncApiParse {
  /** The parser's findings; undefined when it could not run (a missing or unreadable document). */
  readonly diagnostics: Promise<readonly ParserDiagnostic[] | undefined>;
  /** Keeps the process alive until the verdict comes: until then, an unneeded parse does not hold it. */
  awaited(): void;
}

const prestarted = new Map<string, AsyncApiParse>();

/**
 * Starts parsing the spec's AsyncAPI document now, for the contract check that will follow (`withContract` takes it
 * over): loading the parser costs most of a second, which then begins before the spec loader itself is loaded.
 */
export function prestartAsyncApiParse(specDir: string): void {
  const path = join(specDir, SPEC_LAYOUT.asyncapi);
  prestarted.set(resolve(path), parseAsyncApi(path));
}

/** The parse prestarted for this document (each is used once), or a new one. */
export function takeAsyncApiParse(path: string): AsyncApiParse {
  const key = resolve(path);
  const parse = prestarted.get(key);
  prestarted.delete(key);
  return parse ?? parseAsyncApi(path);
}

function parseAsyncApi(path: string): AsyncApiParse {
  const worker = new Worker(new URL('./asyncapi-worker.js', import.meta.url), { workerData: { path } });
  const diagnostics = new Promise<readonly ParserDiagnostic[]>((resolve, reject) => {
    worker.once('message', (found: ParserDiagnostic[]) => {
      resolve(found);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the AsyncAPI parser's worker exited (${code}) without a verdict`)));
  }).catch(() => undefined);
  worker.unref(); // after the listeners: adding one refs the worker again
  return { diagnostics, awaited: () => worker.ref() };
}

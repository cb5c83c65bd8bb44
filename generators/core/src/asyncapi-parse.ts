import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { SPEC_LAYOUT } from '@iotv1/generator-kit';
import type { ParseRequest } from './asyncapi-worker.js';

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

/**
 * One parser worker per process, started on the first parse and kept: it holds the process alive only while a
 * parse someone awaits is pending.
 */
let worker: Worker | undefined;
let nextId = 0;
let awaitedCount = 0;
const pending = new Map<number, (diagnostics: readonly ParserDiagnostic[] | undefined) => void>();

function parserWorker(): Worker {
  if (worker !== undefined) return worker;
  const started = new Worker(new URL('./asyncapi-worker.js', import.meta.url));
  started.on('message', ({ id, diagnostics }: { id: number; diagnostics: readonly ParserDiagnostic[] | undefined }) => {
    pending.get(id)?.(diagnostics);
    pending.delete(id);
  });
  // A worker that fails or exits answers nothing more: every pending parse could not run, and the next starts anew.
  const fail = (): void => {
    worker = undefined;
    awaitedCount = 0;
    for (const answer of pending.values()) answer(undefined);
    pending.clear();
  };
  started.on('error', fail);
  started.on('exit', fail);
  started.unref();
  worker = started;
  return started;
}

function parseAsyncApi(path: string): AsyncApiParse {
  const id = nextId++;
  const thread = parserWorker();
  let awaited = false;
  const diagnostics = new Promise<readonly ParserDiagnostic[] | undefined>((resolve) => {
    pending.set(id, (found) => {
      if (awaited && --awaitedCount === 0) worker?.unref();
      resolve(found);
    });
  });
  thread.postMessage({ id, path } satisfies ParseRequest);
  return {
    diagnostics,
    awaited: () => {
      if (awaited || !pending.has(id)) return;
      awaited = true;
      if (awaitedCount++ === 0) thread.ref();
    },
  };
}

import { availableParallelism } from 'node:os';

/** A lazily started task whose one result (or failure) every caller shares. */
export function once<T>(task: () => Promise<T>): () => Promise<T> {
  let started: Promise<T> | undefined;
  return () => {
    started ??= task();
    return started;
  };
}

/** Memoizes `task` per key: the same input is never worked on twice. */
export function oncePerKey<K, T>(task: (key: K) => Promise<T>): (key: K) => Promise<T> {
  const started = new Map<K, Promise<T>>();
  return (key) => {
    let result = started.get(key);
    if (result === undefined) {
      result = task(key);
      started.set(key, result);
    }
    return result;
  };
}

/** Runs at most `limit` of the tasks given to it at a time, the others in the order they came. */
export function limitConcurrency(limit: number): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async (task) => {
    if (running >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    else running += 1;
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next === undefined) running -= 1;
      else next();
    }
  };
}

/**
 * Child processes (Prism, Redocly, tsc) of one test file at a time: one fewer than the cores, so that they never
 * starve the test's own thread, which runs the in-process tools meanwhile; at least one.
 */
export const withToolProcess = limitConcurrency(Math.max(1, availableParallelism() - 1));

/**
 * The in-process tools of one test file (generators, Spectral, parsers), one at a time in the order the cases ask:
 * they share this thread anyway, and so the work asked first (generating the code that tsc then checks in a child
 * process) finishes first instead of last. A task must not ask for the thread again from inside.
 */
export const withThisThread = limitConcurrency(1);

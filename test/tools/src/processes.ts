import { spawn, spawnSync } from 'node:child_process';
import type { TestContext } from 'vitest';

/*
 * Tools a suite runs as processes (compilers, CMake, the programs they build): asked for once, and run at most two
 * at a time, so that a file's tests can start them together (`it.concurrent`) without crowding the 2-core CI
 * machine. Shared by the packages' and the generators' suites.
 */

/** Whether each tool is on PATH, asked once per test file. */
const onPath = new Map<string, boolean>();

function installed(tool: string): boolean {
  let found = onPath.get(tool);
  if (found === undefined) {
    found = spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;
    onPath.set(tool, found);
  }
  return found;
}

/** Skips the test when a tool is missing (shown as skipped, never as passed); in CI a missing tool fails it. */
export function requireTools(context: TestContext, ...tools: string[]): void {
  const missing = tools.filter((tool) => !installed(tool));
  if (missing.length === 0) return;
  if (process.env.CI) throw new Error(`${missing.join(', ')} required in CI (see .ci/run), and missing`);
  context.skip(`${missing.join(', ')} not installed`);
}

/** How a process ended, and what it wrote. */
export interface Finished {
  readonly status: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Processes running at a time, at most: one per core of the CI machine. */
const SLOTS = 2;
let running = 0;
const queue: (() => void)[] = [];

function next(): void {
  if (running >= SLOTS) return;
  const start = queue.shift();
  if (start === undefined) return;
  running++;
  start();
}

/** How long one process may run once started (a compiler, a test binary) before it is killed. */
const DEFAULT_BOUND_MS = 120_000;

export interface ToolOptions {
  readonly cwd?: string;
  /** Killed (SIGKILL) after this long; it then ends with `signal` set. @default 120000 */
  readonly boundMs?: number;
}

/** Runs a process when a slot is free; resolves when it has ended or was killed at its bound (rejects if it cannot start). */
export function spawnTool(command: string, args: readonly string[], options: ToolOptions = {}): Promise<Finished> {
  const { boundMs = DEFAULT_BOUND_MS, ...spawnOptions } = options;
  return new Promise<Finished>((resolve, reject) => {
    queue.push(() => {
      const child = spawn(command, args, { ...spawnOptions, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      const bound = setTimeout(() => {
        stderr += `\nkilled after ${boundMs} ms`;
        child.kill('SIGKILL');
      }, boundMs);
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        stdout += chunk;
      });
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
        stderr += chunk;
      });
      let ended = false;
      const end = (settle: () => void): void => {
        if (ended) return;
        ended = true;
        clearTimeout(bound);
        running--;
        next();
        settle();
      };
      child.on('error', (error) => end(() => reject(error)));
      child.on('close', (status, signal) => end(() => resolve({ status, signal, stdout, stderr })));
    });
    next();
  });
}

/** Runs a process as `spawnTool` does; returns its stdout, or fails with its command line and output unless it exits 0. */
export async function runTool(command: string, args: readonly string[], options: ToolOptions = {}): Promise<string> {
  const result = await spawnTool(command, args, options);
  if (result.status !== 0) {
    throw new Error(`${[command, ...args].join(' ')} exited with ${result.status ?? result.signal}\n${result.stderr}${result.stdout}`);
  }
  return result.stdout;
}

/** `Promise.all` that waits for every one of `work` to end (no process left running when a test ends), and fails with every failure. */
export async function all<T extends readonly unknown[] | []>(work: T): Promise<{ -readonly [K in keyof T]: Awaited<T[K]> }> {
  const results = await Promise.allSettled(work);
  const failures = results.flatMap((result) => (result.status === 'rejected' ? [result.reason as unknown] : []));
  if (failures.length > 0) throw new Error(failures.map((failure) => (failure instanceof Error ? failure.message : String(failure))).join('\n\n'));
  return results.map((result) => (result as PromiseFulfilledResult<unknown>).value) as { -readonly [K in keyof T]: Awaited<T[K]> };
}

import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { median } from './generation.js';

/** One edit of the spec under `pnpm generate --watch`. */
export interface WatchEdit {
  /** The edited file, relative to the spec directory. */
  readonly file: string;
  /** From writing the edit to the watcher's report of the files it wrote (printed once the last one is in place). */
  readonly ms: number;
  /** From the edited file's mtime to the newest mtime among the files the watcher wrote: the same span by the disk's clock. */
  readonly mtimeMs: number;
  readonly written: number;
}

export interface WatchBench {
  readonly edits: readonly WatchEdit[];
  readonly medianMs: number;
  readonly maxMs: number;
  /** From starting the watcher to its first report that it watches: a cold run, then its warm-up. */
  readonly startupMs: number;
}

/** The edits, in turn: a description in the OpenAPI document and one in a schema file (a new text each time). */
const EDITS: readonly { readonly file: string; readonly edit: (text: string, n: number) => string }[] = [
  { file: 'openapi.yaml', edit: (text, n) => replaceOnce(text, /(\n {4}description: Production)[^\n]*\n/, `$1 (edit ${n})\n`) },
  {
    file: 'schemas/feed-data-submission.schema.json',
    edit: (text, n) => replaceOnce(text, /"The measured value\.[^"]*"/, `"The measured value. (edit ${n})"`),
  },
];

/** Bounds: the watcher's start (a cold run and the warm-up), each edit, and the quiet that counts as idle. */
const START_TIMEOUT_MS = 120_000;
const EDIT_TIMEOUT_MS = 20_000;
const IDLE_MS = 1_000;
const BETWEEN_EDITS_MS = 300;

/**
 * `pnpm generate --watch` on a copy of the repository's spec with its own output root, as bench/src/generation.ts
 * sets up a cold run: once it is idle, `count` edits of a description (alternately `spec/openapi.yaml` and a schema
 * file), each timed from writing the edited file to the watcher's report that it wrote the changed files.
 */
export async function benchWatch(root: string, count = 8): Promise<WatchBench> {
  const work = mkdtempSync(join(tmpdir(), 'iotv1-watch-bench-'));
  const checkout = join(work, 'checkout');
  // Copied, never linked: the edits must not reach the repository's spec.
  cpSync(join(root, 'spec'), join(checkout, 'spec'), { recursive: true, dereference: true });
  const started = performance.now();
  const child = spawn(process.execPath, [join(root, 'generators/cli/dist/bin.js'), 'generate', '--watch', '--root', checkout], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = new WatcherOutput(child);
  try {
    await output.next(/^watching /, START_TIMEOUT_MS);
    const startupMs = performance.now() - started;
    await output.idle(IDLE_MS, START_TIMEOUT_MS);
    const edits: WatchEdit[] = [];
    for (let n = 0; n < count; n++) {
      const { file, edit } = EDITS[n % EDITS.length]!;
      const path = join(checkout, 'spec', file);
      const text = edit(readFileSync(path, 'utf8'), n);
      output.skip();
      const before = performance.now();
      writeFileSync(path, text);
      const editedAt = statSync(path).mtimeMs;
      const report = await output.next(/^generate: /, EDIT_TIMEOUT_MS);
      const ms = report.at - before;
      const summary = /^generate: (\d+) written/.exec(report.line);
      if (summary === null || summary[1] === '0') throw new Error(`the edit of ${file} gave no written files:\n${output.text()}`);
      const written = Number(summary[1]);
      // The written files are listed right after the summary, in the same write.
      const paths = await output.lines(/^ {2}wrote /, written, EDIT_TIMEOUT_MS);
      const lastWrite = Math.max(...paths.map((line) => statSync(join(checkout, line.replace(/^ {2}wrote /, ''))).mtimeMs));
      edits.push({ file, ms, mtimeMs: lastWrite - editedAt, written });
      await output.idle(BETWEEN_EDITS_MS, EDIT_TIMEOUT_MS);
    }
    const times = edits.map((e) => e.ms);
    return { edits, medianMs: median(times), maxMs: Math.max(...times), startupMs };
  } finally {
    child.kill();
    rmSync(work, { recursive: true, force: true });
  }
}

function replaceOnce(text: string, pattern: RegExp, replacement: string): string {
  const next = text.replace(pattern, replacement);
  if (next === text) throw new Error(`the bench's edit found nothing to change (${pattern})`);
  return next;
}

/** The watcher's output, line by line, with when each line arrived; every wait is bounded. */
class WatcherOutput {
  readonly #lines: { line: string; at: number }[] = [];
  #read = 0;
  #lastAt = performance.now();
  #partial = '';
  #wake: (() => void) | undefined;

  constructor(private readonly child: ChildProcess) {
    const take = (chunk: Buffer): void => {
      const at = performance.now();
      const parts = (this.#partial + chunk.toString()).split('\n');
      this.#partial = parts.pop()!;
      for (const line of parts) this.#lines.push({ line, at });
      this.#lastAt = at;
      this.#wake?.();
    };
    child.stdout?.on('data', take);
    child.stderr?.on('data', take);
    child.on('exit', () => this.#wake?.());
  }

  /** Forgets what arrived so far: the next wait looks at what comes after. */
  skip(): void {
    this.#read = this.#lines.length;
  }

  text(): string {
    return this.#lines.map((l) => l.line).join('\n');
  }

  /** The next line matching `pattern`. */
  async next(pattern: RegExp, timeoutMs: number): Promise<{ line: string; at: number }> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      while (this.#read < this.#lines.length) {
        const entry = this.#lines[this.#read++]!;
        if (pattern.test(entry.line)) return entry;
      }
      await this.#wait(deadline, pattern);
    }
  }

  /** The next `count` lines matching `pattern`. */
  async lines(pattern: RegExp, count: number, timeoutMs: number): Promise<string[]> {
    const found: string[] = [];
    while (found.length < count) found.push((await this.next(pattern, timeoutMs)).line);
    return found;
  }

  /** Until nothing has arrived for `quietMs`. */
  async idle(quietMs: number, timeoutMs: number): Promise<void> {
    const deadline = performance.now() + timeoutMs;
    while (performance.now() - this.#lastAt < quietMs) {
      if (performance.now() > deadline) throw new Error(`the watcher never went quiet:\n${this.text()}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  async #wait(deadline: number, pattern: RegExp): Promise<void> {
    if (this.child.exitCode !== null) throw new Error(`the watcher exited (${this.child.exitCode}) before ${pattern}:\n${this.text()}`);
    const left = deadline - performance.now();
    if (left <= 0) throw new Error(`no ${pattern} from the watcher in time:\n${this.text()}`);
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, left);
      this.#wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    this.#wake = undefined;
  }
}

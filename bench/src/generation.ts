import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface GenerationRow {
  readonly tool: string;
  /** Median wall time of a whole process, in milliseconds. */
  readonly medianMs: number;
}

/** Wall time of one process run, from spawn to exit. */
export function timeProcess(command: string, args: readonly string[], cwd?: string): number {
  const started = performance.now();
  const run = spawnSync(command, args, { cwd, encoding: 'utf8' });
  const elapsed = performance.now() - started;
  if (run.status !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${run.stdout}${run.stderr}`);
  return elapsed;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/**
 * `pnpm generate` (every target, in a fresh checkout, and again with nothing changed) against openapi-typescript
 * generating types alone and @hey-api/openapi-ts generating a fetch client, for the same API, each a whole process.
 * The peers read the bundled document (`packages/spec/src/gen/openapi.json`: one file, nothing to resolve), which sets the
 * target's ratio; openapi-typescript also reads the committed multi-file `spec/openapi.yaml`, as a user would.
 */
export function benchGeneration(root: string, runs: number): GenerationRow[] {
  const work = mkdtempSync(join(tmpdir(), 'iotv1-gen-bench-'));
  const bundled = join(root, 'packages/spec/src/gen/openapi.json');
  const multiFile = join(root, 'spec/openapi.yaml');
  const cli = join(root, 'generators/cli/dist/bin.js');
  const bin = (name: string) => join(root, 'bench/node_modules/.bin', name);
  const cold: number[] = [];
  const noChange: number[] = [];
  const openapiTypescript: number[] = [];
  const openapiTypescriptMultiFile: number[] = [];
  const heyApi: number[] = [];
  for (let i = 0; i < runs; i++) {
    const checkout = join(work, `checkout-${i}`);
    cpSync(join(root, 'spec'), join(checkout, 'spec'), { recursive: true });
    cold.push(timeProcess(process.execPath, [cli, 'generate', '--root', checkout]));
    noChange.push(timeProcess(process.execPath, [cli, 'generate', '--root', checkout]));
    openapiTypescript.push(timeProcess(bin('openapi-typescript'), [bundled, '-o', join(work, `types-${i}.ts`)]));
    openapiTypescriptMultiFile.push(timeProcess(bin('openapi-typescript'), [multiFile, '-o', join(work, `types-multi-${i}.ts`)]));
    heyApi.push(timeProcess(bin('openapi-ts'), ['-i', bundled, '-o', join(work, `hey-${i}`), '-c', '@hey-api/client-fetch']));
  }
  return [
    { tool: '`pnpm generate`, all targets, fresh checkout', medianMs: median(cold) },
    { tool: '`pnpm generate`, nothing changed', medianMs: median(noChange) },
    { tool: 'openapi-typescript 7.13 (types only)', medianMs: median(openapiTypescript) },
    { tool: '@hey-api/openapi-ts 0.95 (fetch client)', medianMs: median(heyApi) },
    { tool: 'openapi-typescript 7.13 (types only) on the multi-file `spec/openapi.yaml`', medianMs: median(openapiTypescriptMultiFile) },
  ];
}

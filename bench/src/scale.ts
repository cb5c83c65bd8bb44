import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { median, timeProcess } from './generation.js';
import { CODE_SPACE, syntheticSpec } from './synthetic.js';

export interface ScaleRow {
  readonly codes: number;
  readonly operations: number;
  readonly channels: number;
  readonly generateMs: number;
  readonly peakMemoryMb: number;
  readonly outputBytes: number;
  readonly tscMs: number;
  readonly gccMs: number;
}

/** 13 is the real registry; 3,000 fills the code space (three classes of a thousand codes). */
export const SCALE_SIZES = [13, 100, 1000, CODE_SPACE] as const;

/** The hand-written modules the generated registry and C tables are compiled with. */
const HAND_WRITTEN = [
  'packages/registry/src/index.ts',
  'packages/registry/src/lookups.ts',
  'packages/validators/src/result.ts',
  'packages/c-header/src/iotv1.h',
  'packages/c-header/src/iotv1.c',
];

/** Generation cost as the spec grows: time, peak memory, output size, and compiling what comes out. */
export function benchScale(root: string, runs: number): ScaleRow[] {
  return SCALE_SIZES.map((codes) => {
    const work = mkdtempSync(join(tmpdir(), `iotv1-scale-${codes}-`));
    syntheticSpec(join(root, 'spec'), join(work, 'spec'), codes);
    const cli = join(root, 'generators/cli/dist/bin.js');
    const times: number[] = [];
    let peakKb = 0;
    let checkout = '';
    for (let i = 0; i < runs; i++) {
      checkout = mkdtempSync(join(tmpdir(), 'iotv1-scale-run-'));
      spawnSync('cp', ['-r', join(work, 'spec'), checkout]);
      const started = performance.now();
      // GNU time reports the child's peak resident set in kilobytes.
      const run = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, cli, 'generate', '--root', checkout], { encoding: 'utf8' });
      times.push(performance.now() - started);
      if (run.status !== 0) throw new Error(`generate failed for ${codes} codes:\n${run.stdout}${run.stderr}`);
      peakKb = Math.max(peakKb, Number(run.stderr.trim().split('\n').at(-1)));
    }
    // What is compiled below is generated code with the hand-written modules it is built with, taken from this repository.
    for (const file of HAND_WRITTEN) cpSync(join(root, file), join(checkout, file));
    writeFileSync(
      join(checkout, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          noEmit: true,
          skipLibCheck: true,
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          types: [],
          paths: {
            '@iotv1/registry': ['./packages/registry/src/index.ts'],
            // The validators' format checks come from ajv-formats, installed in the workspace's package only.
            'ajv-formats/dist/formats.js': [join(root, 'packages/validators/node_modules/ajv-formats/dist/formats.d.ts')],
          },
        },
        files: ['packages/registry/src/index.ts', 'packages/validators/src/gen/types.ts', 'packages/validators/src/gen/validators.ts'],
      }),
    );
    const tscMs = timeProcess(join(root, 'bench/node_modules/.bin/tsc'), ['-p', join(checkout, 'tsconfig.json')]);
    const gccMs = timeProcess('gcc', [
      '-std=c99',
      '-O2',
      '-I',
      join(checkout, 'packages/c-header/src'),
      '-c',
      join(checkout, 'packages/c-header/src/iotv1.c'),
      '-o',
      join(checkout, 'iotv1.o'),
    ]);
    return {
      codes,
      operations: Math.max(1, Math.floor(codes / 10)) + 2,
      channels: Math.max(1, Math.floor(codes / 20)) + 1,
      generateMs: median(times),
      peakMemoryMb: peakKb / 1024,
      outputBytes: sizeOf(join(checkout, 'packages')),
      tscMs,
      gccMs,
    };
  });
}

/** The exponent k of cost ~ size^k, by least squares on the logarithms (1 is linear). */
export function growthExponent(sizes: readonly number[], costs: readonly number[]): number {
  const xs = sizes.map(Math.log);
  const ys = costs.map(Math.log);
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  const covariance = xs.reduce((sum, x, i) => sum + (x - mx) * (ys[i]! - my), 0);
  const variance = xs.reduce((sum, x) => sum + (x - mx) ** 2, 0);
  return covariance / variance;
}

function sizeOf(dir: string): number {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .reduce((sum, entry) => sum + statSync(join(entry.parentPath, entry.name)).size, 0);
}

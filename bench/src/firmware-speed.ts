import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type DecodeMethod = 'iotv1' | 'jsmn' | 'jsmn_extract';
export const DECODE_METHODS: readonly DecodeMethod[] = ['iotv1', 'jsmn', 'jsmn_extract'];

/** Rounds, and the bounds of each timed (body, method) measurement. */
export const DECODE_SPEED = { rounds: 5, mostMs: 100, mostCalls: 2_000_000 } as const;

export interface DecodeSpeedRow {
  readonly body: string;
  readonly bytes: number;
  /** Median over the rounds, in MB/s (10^6 bytes of body per second). */
  readonly mbPerSecond: Readonly<Record<DecodeMethod, number>>;
  /** The fewest calls a timed measurement of this body made. */
  readonly fewestCalls: number;
}

interface Output {
  bodies: { name: string; bytes: number; methods: Record<DecodeMethod, { calls: number; seconds: number }[]> }[];
}

/**
 * Host throughput of decoding received bodies (bench/c/decode_speed.c, `gcc -O2`): the iotv1 decoders, jsmn
 * tokenising alone, and jsmn with the hand-written extraction the firmware example used. Each (body, method) pair
 * is timed for at most `mostCalls` calls or `mostMs` milliseconds per round (one untimed round first).
 */
export function decodeSpeed(root: string, { rounds, mostMs, mostCalls } = DECODE_SPEED): DecodeSpeedRow[] {
  const src = join(root, 'packages/c-header/src');
  const out = mkdtempSync(join(tmpdir(), 'iotv1-speed-'));
  try {
    const program = join(out, 'decode_speed');
    execFileSync('gcc', ['-O2', '-I', src, join(root, 'bench/c/decode_speed.c'), join(src, 'iotv1.c'), join(src, 'iotv1_json.c'), '-o', program]);
    const output = JSON.parse(execFileSync(program, [String(mostCalls), String(mostMs), String(rounds)], { encoding: 'utf8' })) as Output;
    return output.bodies.map((body) => ({
      body: body.name,
      bytes: body.bytes,
      mbPerSecond: Object.fromEntries(
        DECODE_METHODS.map((method) => [method, median(body.methods[method].map((r) => (body.bytes * r.calls) / r.seconds / 1e6))]),
      ) as Record<DecodeMethod, number>,
      fewestCalls: Math.min(...DECODE_METHODS.flatMap((method) => body.methods[method].map((r) => r.calls))),
    }));
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

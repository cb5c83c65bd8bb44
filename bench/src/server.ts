import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { type RunningServer, startReferenceServer, testConfig } from '@iotv1/reference-server';
import { median } from './generation.js';

export interface ServerRow {
  readonly mode: string;
  /** Medians over the rounds. */
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

export interface ServerBench {
  readonly rows: readonly ServerRow[];
  /** Throughput lost to request validation, (off − production) / off: the median of the rounds' ratios. */
  readonly requestValidationOverhead: number;
  /** Throughput lost to response checks, (production − development) / production: the median of the rounds' ratios. */
  readonly responseValidationOverhead: number;
  readonly rounds: number;
  readonly seconds: number;
  readonly warmUpSeconds: number;
}

type LoadResult = Omit<ServerRow, 'mode'>;

const MODES = [
  { mode: 'validation off (benchmark only)', validateResponses: false, unsafeSkipRequestValidation: true },
  { mode: 'requests validated (production)', validateResponses: false, unsafeSkipRequestValidation: false },
  { mode: 'requests and responses validated (development)', validateResponses: true, unsafeSkipRequestValidation: false },
] as const;
const ROUNDS = 7;
const WARM_UP_SECONDS = 2;
const BODY = JSON.stringify({ message_id: 'bench-1', readings: [{ feed: 'temperature', value: 21.5, unit: 'Cel' }] });

/**
 * The reference server under load from autocannon in a second process, on loopback: feed-data submissions
 * (answered `idempotent`) with validation off, with requests validated, and with responses checked too. On two
 * cores autocannon and the server share the CPU, so one run per mode is noisy: each server is warmed up, then the
 * modes take turns over several rounds (the first mode moving each round), and medians are reported.
 */
export async function benchServer(root: string, seconds: number): Promise<ServerBench> {
  const servers: RunningServer[] = [];
  try {
    for (const { validateResponses, unsafeSkipRequestValidation } of MODES) {
      servers.push(
        await startReferenceServer(testConfig({ validateResponses, rateLimit: { capacity: 1e9, perSecond: 1e9 } }), { unsafeSkipRequestValidation }),
      );
    }
    for (const server of servers) await load(root, server, WARM_UP_SECONDS);
    const results: LoadResult[][] = MODES.map(() => []);
    for (let round = 0; round < ROUNDS; round++) {
      for (let turn = 0; turn < MODES.length; turn++) {
        const index = (round + turn) % MODES.length;
        results[index]!.push(await load(root, servers[index]!, seconds));
      }
    }
    if (servers.some((server) => server.violations.length > 0)) throw new Error('the server broke the contract under load');
    const [off, production, development] = results as [LoadResult[], LoadResult[], LoadResult[]];
    return {
      rows: MODES.map(({ mode }, index) => ({
        mode,
        requestsPerSecond: median(results[index]!.map((r) => r.requestsPerSecond)),
        p50Ms: median(results[index]!.map((r) => r.p50Ms)),
        p99Ms: median(results[index]!.map((r) => r.p99Ms)),
      })),
      requestValidationOverhead: overhead(off, production),
      responseValidationOverhead: overhead(production, development),
      rounds: ROUNDS,
      seconds,
      warmUpSeconds: WARM_UP_SECONDS,
    };
  } finally {
    await Promise.all(servers.map((server) => server.close()));
  }
}

/** One autocannon run of `seconds` against a server: 16 connections posting the same feed-data submission. */
async function load(root: string, server: RunningServer, seconds: number): Promise<LoadResult> {
  const args = [
    '-j',
    '-c',
    '16',
    '-d',
    String(seconds),
    '-m',
    'POST',
    '-H',
    'content-type=application/json',
    '-H',
    'authorization=Bearer token-dev-0001',
    '-b',
    BODY,
  ];
  const child = spawn(join(root, 'bench/node_modules/.bin/autocannon'), [...args, `${server.httpsUrl}/iot/v1/devices/dev-0001/feed-data`], {
    // The server's certificate is self-signed; the load generator does not verify it.
    env: { ...process.env, NODE_TLS_REJECT_UNAUTHORIZED: '0' },
  });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  await once(child, 'close');
  const result = JSON.parse(out) as {
    requests: { average: number };
    latency: { p50: number; p99: number };
    non2xx: number;
    errors: number;
  };
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${result.non2xx} answers other than 2xx and ${result.errors} errors under load`);
  return { requestsPerSecond: result.requests.average, p50Ms: result.latency.p50, p99Ms: result.latency.p99 };
}

/** What turning a check on costs in throughput: each round runs both modes within seconds, so they share its conditions. */
function overhead(without: readonly LoadResult[], withCheck: readonly LoadResult[]): number {
  return median(without.map((r, round) => 1 - withCheck[round]!.requestsPerSecond / r.requestsPerSecond));
}

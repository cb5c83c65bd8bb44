import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { startReferenceServer, testConfig } from '@iotv1/reference-server';

export interface ServerRow {
  readonly mode: string;
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

/**
 * The reference server under load from autocannon in a second process, on loopback, for a fixed time: feed-data
 * submissions (validated on the way in, then answered `idempotent`), with and without the server checking each of
 * its own responses against the spec.
 */
export async function benchServer(root: string, seconds: number): Promise<ServerRow[]> {
  const rows: ServerRow[] = [];
  for (const [mode, validateResponses] of [
    ['requests validated (production)', false],
    ['requests and responses validated (development)', true],
  ] as const) {
    const server = await startReferenceServer(testConfig({ validateResponses, rateLimit: { capacity: 1e9, perSecond: 1e9 } }));
    try {
      const body = JSON.stringify({ message_id: 'bench-1', readings: [{ feed: 'temperature', value: 21.5, unit: 'Cel' }] });
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
        body,
      ];
      const child = spawn(join(root, 'bench/node_modules/.bin/autocannon'), [...args, `${server.httpsUrl}/iot/v1/devices/dev-0001/feed-data`], {
        // The server's certificate is self-signed; the load generator does not verify it.
        env: { ...process.env, NODE_TLS_REJECT_UNAUTHORIZED: '0' },
      });
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
      await once(child, 'close');
      const result = JSON.parse(out) as { requests: { average: number }; latency: { p50: number; p99: number }; non2xx: number };
      if (result.non2xx > 0) throw new Error(`${result.non2xx} requests failed under load in mode "${mode}"`);
      rows.push({ mode, requestsPerSecond: result.requests.average, p50Ms: result.latency.p50, p99Ms: result.latency.p99 });
      if (server.violations.length > 0) throw new Error('the server broke the contract under load');
    } finally {
      await server.close();
    }
  }
  return rows;
}

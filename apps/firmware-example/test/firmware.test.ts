import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type RunningServer, startReferenceServer, testConfig } from '@iotv1/reference-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The firmware example, built with CMake on its real dependencies (libcurl, jsmn, the generated header), talks to
 * the reference server over HTTPS like a device. In CI the tools must be there: a missing one fails the test.
 */
const APP = fileURLToPath(new URL('../', import.meta.url));
const BUILD = mkdtempSync(join(tmpdir(), 'iotv1-firmware-'));
const BINARY = join(BUILD, 'firmware-example');
let server: RunningServer;
let caFile: string;

/** Runs the device program; asynchronously, because the server it talks to runs in this process. */
async function run(deviceId: string, messageId: string) {
  const started = performance.now();
  const child = spawn(BINARY, [server.httpsUrl, deviceId, `token-${deviceId}`, caFile, messageId]);
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  const [status] = (await once(child, 'close')) as [number | null];
  return { status, lines: stdout.trim().split('\n'), seconds: (performance.now() - started) / 1000 };
}

beforeAll(async () => {
  for (const step of [
    ['cmake', ['-S', APP, '-B', BUILD]],
    ['cmake', ['--build', BUILD]],
  ] as const) {
    const result = spawnSync(step[0], step[1], { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`${step[0]} ${step[1].join(' ')} failed (CI installs cmake, libcurl and jsmn):\n${result.stdout}${result.stderr}`);
  }
  // One request per device at a time, one more every two seconds: the second message meets 4029.
  server = await startReferenceServer(testConfig({ rateLimit: { capacity: 1, perSecond: 0.5 } }));
  caFile = join(BUILD, 'server.pem');
  writeFileSync(caFile, server.certificate);
}, 120_000);
afterAll(async () => {
  await server?.close();
  rmSync(BUILD, { recursive: true, force: true });
});

describe('the firmware example against the reference server', () => {
  it('stores a message on the first attempt', async () => {
    const result = await run('dev-0001', 'fw-1');
    expect(result.lines).toEqual(['attempt 1: HTTP 200 code 2000 -> success', 'stored: created']);
    expect(result.status).toBe(0);
  });

  it('meets 4029, waits Retry-After seconds, sends the same message again, and it is stored once', async () => {
    const result = await run('dev-0001', 'fw-2');
    expect(result.lines[0]).toMatch(/^attempt 1: HTTP 429 code 4029 -> retry_later \(Retry-After (\d+)\)$/);
    const retryAfter = Number(/Retry-After (\d+)/.exec(result.lines[0]!)![1]);
    expect(result.lines.at(-1)).toBe('stored: created');
    expect(result.lines.at(-2)).toMatch(/HTTP 200 code 2000 -> success$/);
    expect(result.seconds).toBeGreaterThanOrEqual(retryAfter);
    expect(result.status).toBe(0);
    expect((await server.store.records('dev-0001')).filter((r) => r.messageId === 'fw-2')).toHaveLength(1);
    expect(server.violations).toEqual([]);
  }, 30_000);

  it('stops on 4003 after one attempt', async () => {
    const result = await run('dev-blocked', 'fw-3');
    expect(result.lines).toEqual(['attempt 1: HTTP 403 code 4003 -> give_up', 'stop: giving up']);
    expect(result.status).toBe(3);
  });
});

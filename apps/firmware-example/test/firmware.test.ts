import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type RunningServer, startReferenceServer, testConfig } from '@iotv1/reference-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The firmware example, built with CMake on its real dependencies (libcurl, libmosquitto, the generated C library
 * with its payload codecs), talks to the reference server over HTTPS and over MQTT like a device. In CI the tools
 * must be there: a missing one fails the test.
 */
const APP = fileURLToPath(new URL('../', import.meta.url));
const BUILD = mkdtempSync(join(tmpdir(), 'iotv1-firmware-'));
const BINARY = join(BUILD, 'firmware-example');
let server: RunningServer;
let caFile: string;

/** The longest a run may take: five attempts with their waits stay far below it; a hung program is killed. */
const RUN_BOUND_MS = 40_000;

/** Runs the device program; asynchronously, because the server it talks to runs in this process. */
async function runProgram(args: readonly string[]) {
  const started = performance.now();
  const child = spawn(BINARY, args, { timeout: RUN_BOUND_MS, killSignal: 'SIGKILL' });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const [status] = (await once(child, 'close')) as [number | null];
  return { status, lines: stdout.trim().split('\n'), stderr, seconds: (performance.now() - started) / 1000 };
}

/** Over HTTPS, in the original command line (no transport word). */
const run = (deviceId: string, messageId: string) => runProgram([server.httpsUrl, deviceId, `token-${deviceId}`, caFile, messageId]);
/** Over MQTT: the reference server's broker is plain TCP (mqtt://), so no CA file ("-"). */
const runMqtt = (deviceId: string, messageId: string, token = `token-${deviceId}`) =>
  runProgram(['mqtt', server.mqttUrl, deviceId, token, server.mqttUrl.startsWith('mqtts:') ? caFile : '-', messageId]);

const storedTimes = async (deviceId: string, messageId: string) => (await server.store.records(deviceId)).filter((r) => r.messageId === messageId).length;

beforeAll(async () => {
  for (const step of [
    ['cmake', ['-S', APP, '-B', BUILD]],
    ['cmake', ['--build', BUILD]],
  ] as const) {
    const result = spawnSync(step[0], step[1], { encoding: 'utf8' });
    if (result.status !== 0)
      throw new Error(`${step[0]} ${step[1].join(' ')} failed (CI installs cmake, libcurl, libmosquitto):\n${result.stdout}${result.stderr}`);
  }
  // One request per device at a time, one more every two seconds: the second message meets 4029 (HTTPS) or a
  // rate_limited ack (MQTT; the limit is the device's, whatever the transport).
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
    expect(await storedTimes('dev-0001', 'fw-2')).toBe(1);
    expect(server.violations).toEqual([]);
  }, 30_000);

  it('stops on 4003 after one attempt', async () => {
    const result = await run('dev-blocked', 'fw-3');
    expect(result.lines).toEqual(['attempt 1: HTTP 403 code 4003 -> give_up', 'stop: giving up']);
    expect(result.status).toBe(3);
  });
});

// dev-0002 here: the rate limit is per device, and dev-0001's bucket belongs to the HTTPS cases.
describe('the firmware example over MQTT against the reference broker', () => {
  it('stores a message on the first attempt, once', async () => {
    const result = await runMqtt('dev-0002', 'fw-mqtt-1');
    expect(result.lines, result.stderr).toEqual(['attempt 1: ack created -> success', 'stored: created']);
    expect(result.status).toBe(0);
    expect(await storedTimes('dev-0002', 'fw-mqtt-1')).toBe(1);
    expect(server.violations).toEqual([]);
  }, 30_000);

  it('meets a rate_limited ack, backs off, publishes the same message again, and it is stored once', async () => {
    // The first message takes the device's one token (retrying itself if the case before took it); the second
    // comes right after and is refused until the bucket refills (two seconds).
    expect((await runMqtt('dev-0002', 'fw-mqtt-2a')).status).toBe(0);
    const result = await runMqtt('dev-0002', 'fw-mqtt-2b');
    expect(result.lines[0], result.stderr).toBe('attempt 1: ack rejected -> retry_later (rate_limited)');
    expect(result.lines.at(-2)).toMatch(/^attempt [2-5]: ack created -> success$/);
    expect(result.lines.at(-1)).toBe('stored: created');
    // The backoff doubles from one second: n attempts waited 2^(n-1) - 1 seconds before the last one.
    const attempts = result.lines.length - 1;
    expect(result.lines.slice(0, attempts - 1).every((line) => line.endsWith('-> retry_later (rate_limited)'))).toBe(true);
    expect(result.seconds).toBeGreaterThanOrEqual(2 ** (attempts - 1) - 1);
    expect(result.status).toBe(0);
    expect(await storedTimes('dev-0002', 'fw-mqtt-2b')).toBe(1);
    expect(server.violations).toEqual([]);
  }, 60_000);

  it('stops after one attempt on a rejection that is not retryable (forbidden)', async () => {
    const result = await runMqtt('dev-blocked', 'fw-mqtt-3');
    expect(result.lines, result.stderr).toEqual(['attempt 1: ack rejected -> give_up (forbidden)', 'stop: giving up']);
    expect(result.status).toBe(3);
    expect(await storedTimes('dev-blocked', 'fw-mqtt-3')).toBe(0);
  }, 30_000);

  it('stops at a refused CONNACK (bad token) to re-authenticate, without publishing', async () => {
    const result = await runMqtt('dev-0002', 'fw-mqtt-4', 'not-the-token');
    expect(result.lines, result.stderr).toEqual(['attempt 1: connect refused, CONNACK 4 -> reauthenticate', 'stop: re-authenticate']);
    expect(result.status).toBe(5);
    expect(await storedTimes('dev-0002', 'fw-mqtt-4')).toBe(0);
  }, 30_000);
});

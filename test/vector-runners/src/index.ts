import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HttpsVector, MqttVector, Outcome, Vectors } from '@iotv1/conformance';
import { spawnTool } from '@iotv1/test-tools';
import { vi } from 'vitest';

/*
 * The conformance vectors run through one target each; every runner returns its disagreements, one line each,
 * naming the target and the vector. A runner takes the target's API structurally, so that the clients and headers
 * of earlier releases (built from their tags) run through the same runner as today's.
 */

/** A result as every release's client reports it (`@iotv1/client`'s `Result`). */
export interface ClientResult {
  readonly kind: string;
  readonly code: number | null;
  readonly receivedCode?: number | null;
  readonly category?: string | null;
  readonly errorType?: string | null;
  readonly retryable: boolean;
  readonly retryAfterMs?: number | null;
}

/** What the HTTPS runner needs of a client release: its operations, its rule, and its registry's categories. */
export interface HttpsClientUnderTest {
  createClient(options: { baseUrl: string; fetch: typeof fetch; retry: { maxAttempts: number } }): unknown;
  getDeviceConfig(client: never, params: { deviceId: string }): Promise<ClientResult>;
  deviceAction(result: never): string;
  /** The category of a code by the client's own registry. */
  categoryOf(code: number): string | null;
}

/** What the MQTT runner needs: a device over an adopted MQTT client, publishing feed data. */
export interface MqttClientUnderTest {
  connectDevice(options: { deviceId: string; client: never; ackTimeoutMs: number; retry: { maxAttempts: number } }): Promise<{ close(): Promise<void> }>;
  publishFeedData(device: never, payload: never): Promise<ClientResult>;
  deviceAction(result: never): string;
  categoryOf(code: number): string | null;
}

const DEVICE_ID = 'dev-conformance';

/** The outcome a client result stands for, in the vectors' terms. */
export function outcomeOf(result: ClientResult, action: string, categoryOf: (code: number) => string | null): Record<string, unknown> {
  const known = result.kind === 'success' || result.kind === 'error';
  return {
    kind: result.kind,
    code: known ? result.code : null,
    receivedCode: result.kind === 'unknown' ? (result.receivedCode ?? null) : null,
    category: known && result.code !== null ? categoryOf(result.code) : (result.category ?? null),
    errorType: result.kind === 'success' ? null : (result.errorType ?? null),
    retryable: result.retryable,
    action,
  };
}

function compare(target: string, id: string, got: Readonly<Record<string, unknown>>, expected: Readonly<Record<string, unknown>>): string[] {
  return Object.keys(expected)
    .filter((field) => !Object.is(got[field], expected[field]))
    .map((field) => `[${target}] ${id}: ${field} is ${JSON.stringify(got[field])}, the vector says ${JSON.stringify(expected[field])}`);
}

/** A client's result against an outcome: one line per field that differs. */
export function outcomeDisagreements(target: string, id: string, got: Readonly<Record<string, unknown>>, expect: Outcome): string[] {
  return compare(target, id, got, expectedOutcome(expect));
}

const expectedOutcome = (expect: Outcome): Record<string, unknown> => {
  const { kind, code, receivedCode, category, errorType, retryable, action } = expect;
  return { kind, code, receivedCode, category, errorType, retryable, action };
};

/** Every HTTPS vector through a client: a fetch double answers each call with the vector's status, headers and bytes. */
export async function runHttpsVectors(target: string, api: HttpsClientUnderTest, vectors: Vectors): Promise<string[]> {
  vi.useFakeTimers({ now: Date.parse(vectors.now), toFake: ['Date'] });
  try {
    const found: string[] = [];
    for (const vector of vectors.https) found.push(...(await runHttpsVector(target, api, vector)));
    return found;
  } finally {
    vi.useRealTimers();
  }
}

async function runHttpsVector(target: string, api: HttpsClientUnderTest, vector: HttpsVector): Promise<string[]> {
  const { status, headers, body } = vector.answer;
  // A Response cannot hold a status outside 200-599; the client reads only these members.
  const answer = { status, headers: new Headers(headers), text: () => Promise.resolve(body) } as unknown as Response;
  const client = api.createClient({ baseUrl: 'https://conformance.invalid', fetch: () => Promise.resolve(answer), retry: { maxAttempts: 1 } });
  let result: ClientResult;
  try {
    result = await api.getDeviceConfig(client as never, { deviceId: DEVICE_ID });
  } catch (error) {
    return [`[${target}] ${vector.id}: threw ${String(error)}`];
  }
  const got = {
    ...outcomeOf(result, api.deviceAction(result as never), api.categoryOf),
    retryAfterMs: result.kind === 'error' ? (result.retryAfterMs ?? null) : null,
  };
  return compare(target, vector.id, got, { ...expectedOutcome(vector.expect), retryAfterMs: vector.expect.retryAfterMs });
}

/** Every MQTT vector through a client: an MQTT client double acknowledges each publish with the vector's ack. */
export async function runMqttVectors(target: string, api: MqttClientUnderTest, vectors: Vectors): Promise<string[]> {
  const found: string[] = [];
  for (const vector of vectors.mqtt) found.push(...(await runMqttVector(target, api, vector)));
  return found;
}

async function runMqttVector(target: string, api: MqttClientUnderTest, vector: MqttVector): Promise<string[]> {
  const broker = new AckingBroker(JSON.stringify(vector.ack));
  let result: ClientResult;
  try {
    const device = await api.connectDevice({ deviceId: DEVICE_ID, client: broker as never, ackTimeoutMs: 5_000, retry: { maxAttempts: 1 } });
    const payload = { message_id: String(vector.ack.message_id), readings: [{ feed: 'temperature', value: 21.5 }] };
    result = await api.publishFeedData(device as never, payload as never);
    await device.close();
  } catch (error) {
    return [`[${target}] ${vector.id}: threw ${String(error)}`];
  }
  return compare(target, vector.id, outcomeOf(result, api.deviceAction(result as never), api.categoryOf), expectedOutcome(vector.expect));
}

type MessageListener = (topic: string, payload: Buffer) => void;

/** The part of an mqtt.js client a device uses, answering every publish with one ack on the subscribed topic. */
class AckingBroker {
  private readonly listeners = new Set<MessageListener>();
  private ackTopic = '';
  constructor(private readonly ack: string) {}
  on(event: string, listener: MessageListener): this {
    if (event === 'message') this.listeners.add(listener);
    return this;
  }
  off(event: string, listener: MessageListener): this {
    if (event === 'message') this.listeners.delete(listener);
    return this;
  }
  removeListener(event: string, listener: MessageListener): this {
    return this.off(event, listener);
  }
  subscribeAsync(topic: string): Promise<{ topic: string; qos: number }[]> {
    this.ackTopic = topic;
    return Promise.resolve([{ topic, qos: 1 }]);
  }
  unsubscribeAsync(): Promise<void> {
    return Promise.resolve();
  }
  publish(_topic: string, _payload: string, _options: unknown, done?: (error?: Error) => void): this {
    done?.();
    setImmediate(() => {
      for (const listener of this.listeners) listener(this.ackTopic, Buffer.from(this.ack));
    });
    return this;
  }
}

/** A C header release on the host: its include directory and iotv1.c, and the directory of the vector tables. */
export interface CHeaderUnderTest {
  readonly includeDir: string;
  readonly source: string;
  readonly tableDir: string;
  /** packages/c-header/test/conformance.c of today. */
  readonly runner: string;
}

/** Every code and answer vector through a C header, built by gcc with AddressSanitizer and UndefinedBehaviorSanitizer. */
export async function runCVectors(target: string, header: CHeaderUnderTest, defines: readonly string[] = []): Promise<string[]> {
  const work = mkdtempSync(join(tmpdir(), 'iotv1-conformance-c-'));
  try {
    const binary = join(work, 'conformance');
    const flags = ['-std=c89', '-pedantic', '-Wall', '-Wextra', '-Werror', '-g', '-fsanitize=address,undefined', '-fno-sanitize-recover=all'];
    const build = await spawnTool('gcc', [...flags, ...defines, '-I', header.includeDir, '-I', header.tableDir, header.runner, header.source, '-o', binary]);
    if (build.status !== 0) return [`[${target}] does not build: ${build.stderr}`];
    const run = await spawnTool(binary, []);
    const lines = run.stdout.split('\n').filter((line) => line !== '' && !line.startsWith('conformance '));
    if (run.status !== 0 && lines.length === 0) return [`[${target}] crashed (${run.status ?? run.signal}): ${run.stderr}`];
    if (run.stderr.includes('runtime error') || run.stderr.includes('Sanitizer')) return [`[${target}] sanitizer: ${run.stderr}`];
    return lines.map((line) => `[${target}] ${line}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

import { request as httpsRequest } from 'node:https';
import { validateHttpErrorResponse } from '@iotv1/validators';
import mqtt, { type MqttClient } from 'mqtt';
import { expect } from 'vitest';
import { type ServerConfig, testConfig } from '../src/config.js';
import { type RunningServer, type StartOptions, startReferenceServer } from '../src/server.js';

export interface HttpReply {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: unknown;
}

export interface RequestOptions {
  readonly token?: string | null;
  /** JSON-encoded unless `raw` is given. */
  readonly json?: unknown;
  readonly raw?: string | Buffer;
  readonly contentType?: string;
}

export async function startServer(overrides: Partial<ServerConfig> = {}, options: StartOptions = {}): Promise<RunningServer> {
  return startReferenceServer(testConfig(overrides), options);
}

/** One HTTPS request over a real TLS socket, trusting only the server's own certificate. */
export function call(server: Pick<RunningServer, 'httpsUrl' | 'certificate'>, method: string, path: string, options: RequestOptions = {}): Promise<HttpReply> {
  const payload = options.raw ?? (options.json === undefined ? undefined : JSON.stringify(options.json));
  const headers: Record<string, string> = {};
  if (options.token !== null) headers.authorization = `Bearer ${options.token ?? 'token-dev-0001'}`;
  if (payload !== undefined) headers['content-type'] = options.contentType ?? 'application/json';
  return new Promise((resolve, reject) => {
    const req = httpsRequest(new URL(path, server.httpsUrl), { method, headers, ca: server.certificate }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text === '' ? undefined : JSON.parse(text) });
      });
    });
    req.on('error', reject);
    req.end(payload);
  });
}

/** Asserts an error reply: its code, the code's HTTP status, a body that passes the error-response schema. */
export function expectError(reply: HttpReply, code: number, status: number): void {
  expect(reply.body, JSON.stringify(reply.body)).toMatchObject({ code });
  expect(reply.status).toBe(status);
  expect(validateHttpErrorResponse(reply.body)).toMatchObject({ ok: true });
  expect(reply.headers['content-type']).toMatch(/^application\/json/);
}

export function feedData(messageId: string, readings: unknown[] = [{ feed: 'temperature', value: 21.5 }]) {
  return { message_id: messageId, readings };
}

/** An MQTT client connected as a device (username = device id, password = token). */
export async function connectDevice(server: Pick<RunningServer, 'mqttUrl'>, deviceId: string, token = `token-${deviceId}`): Promise<MqttClient> {
  return mqtt.connectAsync(server.mqttUrl, { username: deviceId, password: token, reconnectPeriod: 0, connectTimeout: 5000 });
}

/** Publishes feed data and resolves with the acknowledgement that names its message id. */
export async function publishAndAwaitAck(client: MqttClient, deviceId: string, payload: string | Buffer, messageId: string): Promise<unknown> {
  const ack = new Promise<unknown>((resolve) => {
    const onMessage = (topic: string, message: Buffer) => {
      const parsed = JSON.parse(message.toString()) as { message_id?: string };
      if (topic === `iot/v1/devices/${deviceId}/ack` && parsed.message_id === messageId) {
        client.off('message', onMessage);
        resolve(parsed);
      }
    };
    client.on('message', onMessage);
  });
  await client.publishAsync(`iot/v1/devices/${deviceId}/feed-data`, payload, { qos: 1 });
  return ack;
}

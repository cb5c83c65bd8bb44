import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';

/** Where a device's request goes: Prism (plain HTTP on loopback) or the server itself (HTTPS, trusting only its certificate). */
export interface Target {
  readonly url: string;
  readonly ca?: string;
}

/** A device's request: the device's own token unless `token` says otherwise (`null`: none). */
export interface DeviceRequest {
  readonly method: 'GET' | 'POST' | 'PUT';
  readonly path: string;
  readonly token?: string | null;
  /** JSON-encoded; `raw` is sent as it is. */
  readonly json?: unknown;
  readonly raw?: string;
  readonly contentType?: string;
}

export interface Answer {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  /** The parsed body when it is JSON, else `undefined`. */
  readonly body: unknown;
}

const ANSWER_TIMEOUT_MS = 10_000;

/** The device id a path acts for, so that the default token is that device's own (`token-<id>`, as the demo devices have). */
function ownToken(path: string): string {
  return `token-${/^\/iot\/v1\/devices\/([^/]+)/.exec(path)?.[1] ?? ''}`;
}

/** Sends one request and resolves with the answer; fails after a bounded wait instead of hanging the suite. */
export function send(target: Target, request: DeviceRequest): Promise<Answer> {
  const payload = request.raw ?? (request.json === undefined ? undefined : JSON.stringify(request.json));
  const headers: Record<string, string> = {};
  const token = request.token === undefined ? ownToken(request.path) : request.token;
  if (token !== null) headers.authorization = `Bearer ${token}`;
  if (payload !== undefined) headers['content-type'] = request.contentType ?? 'application/json';
  const url = new URL(request.path, target.url);
  const open = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    // No agent: every request gets its own connection, so nothing is left open when Prism and the server stop.
    const options = { method: request.method, headers, agent: false, timeout: ANSWER_TIMEOUT_MS, ...(target.ca !== undefined && { ca: target.ca }) };
    const req = open(url, options, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const json = /[/+]json\b/.test(res.headers['content-type'] ?? '');
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: json && text !== '' ? JSON.parse(text) : undefined });
      });
    });
    req.on('timeout', () => req.destroy(new Error(`no answer to ${request.method} ${request.path} within ${ANSWER_TIMEOUT_MS} ms`)));
    req.on('error', reject);
    req.end(payload);
  });
}

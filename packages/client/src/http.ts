import { interpret, type Result, type TransportFailure, transportFailure } from './result.js';
import { DEFAULT_RETRY, type RetryPolicy, withRetries } from './retry.js';

export interface ClientOptions {
  /** Where the API is, for example `https://api.iotv1.example.com`. */
  readonly baseUrl: string;
  /** The device token, sent as `Authorization: Bearer <token>`. */
  readonly token?: string;
  /** The fetch to use (to trust a private CA, or for tests). @default globalThis.fetch */
  readonly fetch?: typeof fetch;
  /** Limit of one attempt, the reading of the answer included. @default 10000 */
  readonly timeoutMs?: number;
  readonly retry?: Partial<RetryPolicy>;
  /** Sent with every request. */
  readonly headers?: Readonly<Record<string, string>>;
}

/** Options of one call; they override the client's. */
export interface CallOptions {
  /** Aborts the call, a wait between retries included; the result is then a transport failure `abort`. */
  readonly signal?: AbortSignal;
  readonly timeoutMs?: number;
  readonly retry?: Partial<RetryPolicy>;
}

/** A configured client; pass it to the operations (`submitFeedData(client, ...)`). */
export interface Client {
  readonly options: ClientOptions;
}

export function createClient(options: ClientOptions): Client {
  return { options };
}

/**
 * Sends one operation: the body is serialised once, so every attempt sends the same bytes, and each attempt is
 * bounded by the timeout. Path parameters are URL-encoded into the spec's path template.
 */
export function request<Body>(
  client: Client,
  method: string,
  template: string,
  params: Readonly<Record<string, string>>,
  body: unknown,
  call: CallOptions = {},
): Promise<Result<Body>> {
  const { baseUrl, token, headers, fetch: fetchImpl = fetch, timeoutMs = 10_000 } = client.options;
  const url = baseUrl.replace(/\/$/, '') + template.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(params[name] ?? ''));
  const init: RequestInit = {
    method,
    headers: {
      accept: 'application/json',
      ...(body !== undefined && { 'content-type': 'application/json' }),
      ...(token !== undefined && { authorization: `Bearer ${token}` }),
      ...headers,
    },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  };
  const { signal } = call;
  const attempt = async (): Promise<Result<Body>> => {
    const controller = new AbortController();
    const abort = (): void => controller.abort();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      abort();
    }, call.timeoutMs ?? timeoutMs);
    signal?.addEventListener('abort', abort);
    try {
      const response = await fetchImpl(url, { ...init, signal: controller.signal });
      const text = await response.text();
      return interpret(response.status, parse(text), response.headers.get('retry-after')) as Result<Body>;
    } catch (cause) {
      return transportFailure(signal?.aborted ? 'abort' : timedOut ? 'timeout' : failureOf(cause), cause);
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', abort);
    }
  };
  return withRetries({ ...DEFAULT_RETRY, ...client.options.retry, ...call.retry }, signal, attempt);
}

/** A body that is not JSON (a proxy's error page) counts as a body without `code`. */
function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Node reports certificate and handshake failures with codes such as `DEPTH_ZERO_SELF_SIGNED_CERT`; browsers cannot tell. */
function failureOf(cause: unknown): TransportFailure['reason'] {
  const inner = (cause as { cause?: { code?: unknown } } | null)?.cause;
  return /CERT|SSL|TLS/.test(String(inner?.code)) ? 'tls' : 'network';
}

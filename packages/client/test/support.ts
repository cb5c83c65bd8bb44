import { type RunningServer, type ServerConfig, type StartOptions, startReferenceServer, testConfig } from '@iotv1/reference-server';
import { Agent, fetch as undiciFetch } from 'undici';
import { type ClientOptions, createClient } from '../src/index.js';

export function startServer(overrides: Partial<ServerConfig> = {}, options: StartOptions = {}): Promise<RunningServer> {
  return startReferenceServer(testConfig(overrides), options);
}

/** A fetch over real TLS sockets that trusts only the reference server's own certificate. */
export function trustingFetch(server: RunningServer): typeof fetch {
  const dispatcher = new Agent({ connect: { ca: server.certificate } });
  return ((input: string, init?: RequestInit) => undiciFetch(input, { ...(init as object), dispatcher })) as unknown as typeof fetch;
}

/** A client of `deviceId` (token `token-<id>`), with fast backoff so that retry tests stay short. */
export function clientFor(server: RunningServer, deviceId = 'dev-0001', options: Partial<ClientOptions> = {}) {
  return createClient({
    baseUrl: server.httpsUrl,
    token: `token-${deviceId}`,
    fetch: trustingFetch(server),
    retry: { baseDelayMs: 10, maxDelayMs: 50 },
    ...options,
  });
}

export function feedData(messageId: string, readings: { feed: string; value: number | string | boolean }[] = [{ feed: 'temperature', value: 21.5 }]) {
  return { message_id: messageId, readings };
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

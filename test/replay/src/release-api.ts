import { pathToFileURL } from 'node:url';
import type { ClientResult, HttpsClientUnderTest, MqttClientUnderTest } from '@iotv1/vector-runners';
import type { BuiltRelease } from './releases.js';

/*
 * What the replay uses of a release, typed structurally: every release since 1.0.0 has these members (the 1.0.0
 * registry has no `actionOf`). The modules are the release's own build, imported by their file URLs.
 */

export interface RegistryRelease {
  readonly RESPONSE_CODES: readonly { readonly code: number }[];
  classify(code: number): { readonly known: boolean };
  categoryOf(code: number): string | null;
  errorTypeOf(code: number): string | null | undefined;
  httpStatusOf(code: number): number | undefined;
  isRetryable(code: number): boolean;
  codeForErrorType(errorType: string): number | undefined;
  codeForHttpStatus(httpStatus: number): number | undefined;
  /** Since 1.1.0. */
  readonly actionOf?: (code: number) => string;
}

export interface ClientOptions {
  readonly baseUrl: string;
  readonly fetch: typeof fetch;
  readonly retry: { readonly maxAttempts: number };
  readonly token?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

/** The HTTPS side of a release's client, with its registry's `categoryOf` (what the vector runners take). */
export interface HttpsRelease extends HttpsClientUnderTest {
  createClient(options: ClientOptions): unknown;
  submitFeedData(client: never, params: { deviceId: string }, body: never): Promise<ClientResult>;
}

export interface MqttConnectOptions {
  readonly deviceId: string;
  readonly url: string;
  readonly token: string;
  readonly ackTimeoutMs: number;
  readonly retry: { readonly maxAttempts: number };
  readonly mqtt: { readonly reconnectPeriod: number; readonly connectTimeout: number };
}

/** The MQTT side (`@iotv1/client/mqtt`), over a broker double (the runners) or a real broker (today's server). */
export interface MqttRelease extends MqttClientUnderTest {
  connectDevice(options: MqttConnectOptions | Parameters<MqttClientUnderTest['connectDevice']>[0]): Promise<{ close(): Promise<void> }>;
}

export interface OpenRelease {
  readonly built: BuiltRelease;
  /** The codes of its registry. */
  readonly codes: ReadonlySet<number>;
  readonly registry: RegistryRelease;
  readonly client: { readonly https: HttpsRelease; readonly mqtt: MqttRelease } | null;
}

export async function openRelease(built: BuiltRelease): Promise<OpenRelease> {
  const registry = (await importFile(built.registry)) as RegistryRelease;
  const { categoryOf } = registry;
  const client =
    built.client === null
      ? null
      : {
          https: { ...((await importFile(built.client.https)) as Omit<HttpsRelease, 'categoryOf'>), categoryOf },
          mqtt: { ...((await importFile(built.client.mqtt)) as Omit<MqttRelease, 'categoryOf'>), categoryOf },
        };
  return { built, codes: new Set(registry.RESPONSE_CODES.map((entry) => entry.code)), registry, client };
}

const importFile = (path: string): Promise<unknown> => import(pathToFileURL(path).href);

import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  DEMO_DEVICES,
  type FeedRecord,
  type FeedStore,
  InMemoryFeedStore,
  type RunningServer,
  type StartOptions,
  startReferenceServer,
  testConfig,
} from '@iotv1/reference-server';

/** Git-ignored scratch space of this suite (certificates); tests never write outside the repository. */
export const WORK = fileURLToPath(new URL('../work/contract/', import.meta.url));

/** The message id whose storage fails: the store's way to produce an unexpected failure (5000). */
export const STORE_FAILURE_MESSAGE_ID = 'store-on-fire';
/** A device that only the rate-limit scenario uses, so that no other scenario runs out of tokens. */
export const RATE_LIMITED_DEVICE = 'dev-rate';
/** Burst size of every device's bucket: enough for all scenarios of one device, few enough to exhaust quickly. */
export const RATE_CAPACITY = 20;

/** An in-memory store whose disk catches fire for one message id. */
class StoreFailingOn implements FeedStore {
  readonly #store = new InMemoryFeedStore();
  constructor(private readonly messageId: string) {}

  put(record: FeedRecord, fingerprint: string) {
    return record.messageId === this.messageId ? Promise.reject(new Error('disk on fire')) : this.#store.put(record, fingerprint);
  }

  records(deviceId: string) {
    return this.#store.records(deviceId);
  }

  close() {
    return this.#store.close();
  }
}

export interface ServerUnderTest {
  readonly server: RunningServer;
  /** PEM file of the server's certificate, for Prism's NODE_EXTRA_CA_CERTS. */
  readonly caFile: string;
}

/** The reference server on loopback and free ports, with the demo devices, a rate-limited device and a failing store. */
export async function startServerUnderTest(name: string, options: Pick<StartOptions, 'rewriteResponse'> = {}): Promise<ServerUnderTest> {
  const devices = [...DEMO_DEVICES, { ...DEMO_DEVICES[0]!, id: RATE_LIMITED_DEVICE, token: `token-${RATE_LIMITED_DEVICE}` }];
  const config = testConfig({ host: '127.0.0.1', devices, rateLimit: { capacity: RATE_CAPACITY, perSecond: 1 } });
  const server = await startReferenceServer(config, { ...options, store: new StoreFailingOn(STORE_FAILURE_MESSAGE_ID) });
  const caFile = `${WORK}${name}-ca.pem`;
  try {
    mkdirSync(WORK, { recursive: true });
    writeFileSync(caFile, server.certificate);
  } catch (error) {
    await server.close();
    throw error;
  }
  return { server, caFile };
}

import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:net';
import type { ValidationIssue } from '@iotv1/validators';
import type { ContractViolation } from '@iotv1/validators/fastify';
import type { ServerConfig } from './config.js';
import { DeviceDirectory } from './devices.js';
import { InFlight, openSockets } from './drain.js';
import { FeedDataService, type ServiceState } from './feed-data.js';
import { buildHttpsApp, type RewriteResponse } from './https.js';
import { createBroker } from './mqtt.js';
import { RateLimiter } from './rate-limit.js';
import { SqliteFeedStore } from './sqlite-store.js';
import { type FeedStore, InMemoryFeedStore } from './store.js';
import { tlsMaterial } from './tls.js';

/** A response or acknowledgement that broke the contract (only recorded when responses are validated). */
export type Violation =
  | { readonly kind: 'response'; readonly violation: ContractViolation }
  | { readonly kind: 'ack'; readonly ack: unknown; readonly issues: readonly ValidationIssue[] };

export interface RunningServer {
  readonly httpsUrl: string;
  readonly mqttUrl: string;
  /** The certificate the HTTPS listener presents (self-signed unless one was given): trust it in clients. */
  readonly certificate: string;
  readonly store: FeedStore;
  readonly devices: DeviceDirectory;
  /** Every contract violation so far; tests assert it stays empty. */
  readonly violations: readonly Violation[];
  /** Puts the service into maintenance (every request gets 5003 with this Retry-After) or takes it out. */
  setMaintenance(retryAfterSeconds: number | null): void;
  /**
   * Graceful shutdown: stops accepting, lets in-flight requests and acks finish for `config.shutdownGraceMs`, then
   * cuts every connection still open, and closes the store (which commits what is pending).
   */
  close(): Promise<void>;
}

export interface StartOptions {
  /** Where feed data goes. @default the SQLite file of `config.storeFile`, or memory when it is `null` */
  readonly store?: FeedStore;
  /** Tests only: rewrites each HTTPS answer, to simulate older, newer or slow servers (see `RewriteResponse`). */
  readonly rewriteResponse?: RewriteResponse;
  /** Benchmarks only: HTTPS handlers get parameters and bodies unchecked (see the adapter's option of that name). */
  readonly unsafeSkipRequestValidation?: boolean;
}

/** Starts HTTPS and MQTT listeners on `config.host` with one shared device directory, store and rules. */
export async function startReferenceServer(config: ServerConfig, options: StartOptions = {}): Promise<RunningServer> {
  const store = options.store ?? (config.storeFile === null ? new InMemoryFeedStore() : new SqliteFeedStore(config.storeFile));
  const inFlight = new InFlight();
  const devices = new DeviceDirectory(config.devices);
  const service: ServiceState = { maintenance: null };
  const feedData = new FeedDataService(store, new RateLimiter(config.rateLimit.capacity, config.rateLimit.perSecond), service);
  const violations: Violation[] = [];
  const tls = await tlsMaterial(config.tls);

  const app = buildHttpsApp(devices, feedData, {
    tls,
    bodyLimitBytes: config.maxPayloadBytes,
    validateResponses: config.validateResponses,
    logLevel: config.logLevel,
    timeouts: config.httpsTimeouts,
    inFlight,
    ...(options.rewriteResponse !== undefined && { rewriteResponse: options.rewriteResponse }),
    ...(options.unsafeSkipRequestValidation === true && { unsafeSkipRequestValidation: true }),
    onViolation: (violation) => {
      violations.push({ kind: 'response', violation });
      app.log.error({ violation }, 'response breaks the iot/v1 contract');
    },
  });
  const broker = await createBroker(devices, feedData, {
    maxPayloadBytes: config.maxPayloadBytes,
    limits: config.mqtt,
    validateAcks: config.validateResponses,
    onViolation: (ack, issues) => {
      violations.push({ kind: 'ack', ack, issues });
      app.log.error({ ack, issues }, 'acknowledgement breaks the iot/v1 contract');
    },
    onError: (error) => app.log.error({ err: error }, 'MQTT failure'),
    inFlight,
  });
  const mqttListener: Server = createServer(broker.handle);
  const httpsSockets = openSockets(app.server);
  const mqttSockets = openSockets(mqttListener);

  await app.listen({ host: config.host, port: config.httpsPort });
  await new Promise<void>((resolve, reject) => mqttListener.once('error', reject).listen(config.mqttPort, config.host, resolve));
  const httpsPort = (app.server.address() as AddressInfo).port;
  const mqttPort = (mqttListener.address() as AddressInfo).port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;

  return {
    httpsUrl: `https://${host}:${httpsPort}`,
    mqttUrl: `mqtt://${host}:${mqttPort}`,
    certificate: tls.cert,
    store,
    devices,
    violations,
    setMaintenance(retryAfterSeconds) {
      service.maintenance = retryAfterSeconds === null ? null : { retryAfterSeconds };
    },
    async close() {
      // Stop accepting; Node closes idle HTTP connections at once. What is under way gets the grace period.
      const listenersClosed = Promise.all([closed(app.server), closed(mqttListener)]);
      await inFlight.settled(config.shutdownGraceMs);
      // Then everything still open is cut: slow bodies, idle TLS before a request, MQTT sockets before CONNECT.
      await new Promise<void>((resolve) => broker.close(() => resolve()));
      for (const socket of [...httpsSockets, ...mqttSockets]) socket.destroy();
      await listenersClosed;
      await app.close();
      await store.close();
    },
  };
}

/** Stops a listener accepting; resolves once its last connection has closed. */
function closed(listener: Server): Promise<void> {
  return new Promise((resolve) => listener.close(() => resolve()));
}

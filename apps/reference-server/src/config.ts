import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DEMO_DEVICES, type Device } from './devices.js';
import type { HttpsTimeouts } from './https.js';
import type { SessionLimits } from './mqtt-sessions.js';

/** What an MQTT device may make the broker hold: packets (checked from each fixed header, before the body is read) and offline sessions. */
export interface MqttLimits extends SessionLimits {
  /** Largest packet of an authenticated device; above `maxPayloadBytes`, so an oversized payload still gets its 4013 ack. @default 16 MiB */
  readonly maxPacketBytes: number;
  /** Largest packet before the device has authenticated (its CONNECT, will included). @default 8192 */
  readonly maxConnectPacketBytes: number;
  /** Time from the TCP connection to its CONNECT; a socket that sends none is closed. @default 10000 */
  readonly connectTimeoutMs: number;
  /**
   * Silence after which a connection is closed, whatever keep-alive it asked for (0, keep-alive off, included):
   * no device holds a socket open by saying nothing. @default 600000
   */
  readonly idleMs: number;
}

export interface ServerConfig {
  /** Interface both listeners bind to. @default 127.0.0.1 (loopback) */
  readonly host: string;
  /** HTTPS port; 0 picks a free one. @default 8443 */
  readonly httpsPort: number;
  /** MQTT (TCP) port; 0 picks a free one. @default 1883 */
  readonly mqttPort: number;
  /** PEM files; a self-signed certificate for localhost is made at start when they are not given. */
  readonly tls: { readonly keyFile?: string; readonly certFile?: string };
  /** Largest request body or MQTT payload; larger ones get 4013 (before parsing). @default 65536 */
  readonly maxPayloadBytes: number;
  readonly mqtt: MqttLimits;
  /** Per-device token bucket: burst size and refill per second. @default 60 and 1 */
  readonly rateLimit: { readonly capacity: number; readonly perSecond: number };
  /** Check every response and ack against the spec before sending it. @default on unless NODE_ENV=production */
  readonly validateResponses: boolean;
  readonly devices: readonly Device[];
  /** @default info */
  readonly logLevel: string;
  /**
   * HTTPS deadlines in ms, so that no client holds a connection open by saying nothing: the TLS handshake, silence on
   * a connection (before, between or inside requests), all headers, and the whole request with its body.
   * @default 10000, 30000, 10000 and 30000
   */
  readonly httpsTimeouts: HttpsTimeouts;
  /**
   * Where feed data is stored: a SQLite file (created when missing; records and idempotency survive a restart), or
   * `null` for memory (everything is lost at exit). @default iotv1-store.sqlite in the working directory
   */
  readonly storeFile: string | null;
  /** On SIGTERM or SIGINT, how long in-flight requests and acks get before every connection is cut. @default 5000 */
  readonly shutdownGraceMs: number;
}

export const USAGE = `usage: iotv1-reference-server [options]

  --host <ip>               interface to bind (env IOTV1_HOST, default 127.0.0.1)
  --https-port <n>          HTTPS port (env IOTV1_HTTPS_PORT, default 8443; 0 = any free port)
  --mqtt-port <n>           MQTT port (env IOTV1_MQTT_PORT, default 1883; 0 = any free port)
  --tls-key <file>          PEM private key (env IOTV1_TLS_KEY; default: self-signed certificate made at start)
  --tls-cert <file>         PEM certificate (env IOTV1_TLS_CERT)
  --max-payload <bytes>     largest body or MQTT payload (env IOTV1_MAX_PAYLOAD, default 65536)
  --mqtt-max-packet <bytes> largest MQTT packet of a device; larger ones close the connection (env IOTV1_MQTT_MAX_PACKET, default 16777216)
  --mqtt-max-connect <bytes> largest MQTT packet before authentication (env IOTV1_MQTT_MAX_CONNECT, default 8192)
  --mqtt-connect-timeout <ms> time to send CONNECT after connecting (env IOTV1_MQTT_CONNECT_TIMEOUT, default 10000)
  --mqtt-idle <ms>          silence after which a connection is closed, keep-alive 0 included (env IOTV1_MQTT_IDLE, default 600000)
  --mqtt-session-expiry <ms> how long a persistent session outlives its connection (env IOTV1_MQTT_SESSION_EXPIRY, default 3600000)
  --mqtt-max-queued <n>     acks queued for one device's offline sessions together (env IOTV1_MQTT_MAX_QUEUED, default 1000)
  --rate-capacity <n>       requests a device may burst (env IOTV1_RATE_CAPACITY, default 60)
  --rate-per-second <n>     refill rate per device (env IOTV1_RATE_PER_SECOND, default 1)
  --devices <file>          JSON array of devices (env IOTV1_DEVICES; default: the demo devices)
  --no-validate-responses   do not check responses and acks against the spec (default: check unless NODE_ENV=production)
  --log-level <level>       fatal, error, warn, info, debug (env IOTV1_LOG_LEVEL, default info)
  --https-timeouts <list>   HTTPS handshake,idle,headers,request deadlines in ms (env IOTV1_HTTPS_TIMEOUTS, default 10000,30000,10000,30000)
  --store <file|memory>     SQLite file for feed data, or memory to keep nothing at exit (env IOTV1_STORE, default iotv1-store.sqlite)
  --shutdown-grace <ms>     on SIGTERM/SIGINT, time for in-flight requests before connections are cut (env IOTV1_SHUTDOWN_GRACE, default 5000)`;

const DEFAULT_STORE_FILE = 'iotv1-store.sqlite';
/** The `--store` value that keeps feed data in memory. */
const MEMORY_STORE = 'memory';

/** Configuration from flags, then environment variables, then defaults. */
export function parseConfig(argv: readonly string[], env: NodeJS.ProcessEnv): ServerConfig {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      host: { type: 'string' },
      'https-port': { type: 'string' },
      'mqtt-port': { type: 'string' },
      'tls-key': { type: 'string' },
      'tls-cert': { type: 'string' },
      'max-payload': { type: 'string' },
      'mqtt-max-packet': { type: 'string' },
      'mqtt-max-connect': { type: 'string' },
      'mqtt-connect-timeout': { type: 'string' },
      'mqtt-idle': { type: 'string' },
      'mqtt-session-expiry': { type: 'string' },
      'mqtt-max-queued': { type: 'string' },
      'rate-capacity': { type: 'string' },
      'rate-per-second': { type: 'string' },
      devices: { type: 'string' },
      'no-validate-responses': { type: 'boolean' },
      'log-level': { type: 'string' },
      'https-timeouts': { type: 'string' },
      store: { type: 'string' },
      'shutdown-grace': { type: 'string' },
    },
  });
  const number = (flag: string | undefined, variable: string, fallback: number): number => {
    const text = flag ?? env[variable];
    if (text === undefined) return fallback;
    const value = Number(text);
    if (!Number.isFinite(value) || value < 0) throw new Error(`${variable.toLowerCase()} must be a non-negative number, not "${text}"`);
    return value;
  };
  const devicesFile = values.devices ?? env.IOTV1_DEVICES;
  const keyFile = values['tls-key'] ?? env.IOTV1_TLS_KEY;
  const certFile = values['tls-cert'] ?? env.IOTV1_TLS_CERT;
  const store = values.store ?? env.IOTV1_STORE ?? DEFAULT_STORE_FILE;
  return {
    host: values.host ?? env.IOTV1_HOST ?? '127.0.0.1',
    httpsPort: number(values['https-port'], 'IOTV1_HTTPS_PORT', 8443),
    mqttPort: number(values['mqtt-port'], 'IOTV1_MQTT_PORT', 1883),
    tls: { ...(keyFile !== undefined && { keyFile }), ...(certFile !== undefined && { certFile }) },
    maxPayloadBytes: number(values['max-payload'], 'IOTV1_MAX_PAYLOAD', 65_536),
    mqtt: {
      maxPacketBytes: number(values['mqtt-max-packet'], 'IOTV1_MQTT_MAX_PACKET', 16 * 1024 * 1024),
      maxConnectPacketBytes: number(values['mqtt-max-connect'], 'IOTV1_MQTT_MAX_CONNECT', 8192),
      connectTimeoutMs: number(values['mqtt-connect-timeout'], 'IOTV1_MQTT_CONNECT_TIMEOUT', 10_000),
      idleMs: number(values['mqtt-idle'], 'IOTV1_MQTT_IDLE', 600_000),
      sessionExpiryMs: number(values['mqtt-session-expiry'], 'IOTV1_MQTT_SESSION_EXPIRY', 3_600_000),
      maxQueuedAcksPerDevice: number(values['mqtt-max-queued'], 'IOTV1_MQTT_MAX_QUEUED', 1000),
    },
    rateLimit: {
      capacity: number(values['rate-capacity'], 'IOTV1_RATE_CAPACITY', 60),
      perSecond: number(values['rate-per-second'], 'IOTV1_RATE_PER_SECOND', 1),
    },
    validateResponses: values['no-validate-responses'] !== true && env.NODE_ENV !== 'production',
    devices: devicesFile === undefined ? DEMO_DEVICES : (JSON.parse(readFileSync(devicesFile, 'utf8')) as Device[]),
    logLevel: values['log-level'] ?? env.IOTV1_LOG_LEVEL ?? 'info',
    httpsTimeouts: httpsTimeouts(values['https-timeouts'] ?? env.IOTV1_HTTPS_TIMEOUTS ?? '10000,30000,10000,30000'),
    storeFile: store === MEMORY_STORE ? null : store,
    shutdownGraceMs: number(values['shutdown-grace'], 'IOTV1_SHUTDOWN_GRACE', 5000),
  };
}

function httpsTimeouts(text: string): HttpsTimeouts {
  const values = text.split(',').map(Number);
  if (values.length !== 4 || !values.every((value) => Number.isInteger(value) && value > 0)) {
    throw new Error(`https timeouts must be four positive whole numbers of ms (handshake,idle,headers,request), not "${text}"`);
  }
  const [handshakeMs, idleMs, headersMs, requestMs] = values as [number, number, number, number];
  return { handshakeMs, idleMs, headersMs, requestMs };
}

/** Defaults for a server inside a test: free ports, quiet logs, responses checked, feed data in memory, a 1 s shutdown grace. */
export function testConfig(overrides: Partial<ServerConfig> = {}): ServerConfig {
  return { ...parseConfig([], {}), httpsPort: 0, mqttPort: 0, logLevel: 'silent', storeFile: null, shutdownGraceMs: 1000, ...overrides };
}

import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DEMO_DEVICES, type Device } from './devices.js';

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
  /** Per-device token bucket: burst size and refill per second. @default 60 and 1 */
  readonly rateLimit: { readonly capacity: number; readonly perSecond: number };
  /** Check every response and ack against the spec before sending it. @default on unless NODE_ENV=production */
  readonly validateResponses: boolean;
  readonly devices: readonly Device[];
  /** @default info */
  readonly logLevel: string;
}

export const USAGE = `usage: iotv1-reference-server [options]

  --host <ip>               interface to bind (env IOTV1_HOST, default 127.0.0.1)
  --https-port <n>          HTTPS port (env IOTV1_HTTPS_PORT, default 8443; 0 = any free port)
  --mqtt-port <n>           MQTT port (env IOTV1_MQTT_PORT, default 1883; 0 = any free port)
  --tls-key <file>          PEM private key (env IOTV1_TLS_KEY; default: self-signed certificate made at start)
  --tls-cert <file>         PEM certificate (env IOTV1_TLS_CERT)
  --max-payload <bytes>     largest body or MQTT payload (env IOTV1_MAX_PAYLOAD, default 65536)
  --rate-capacity <n>       requests a device may burst (env IOTV1_RATE_CAPACITY, default 60)
  --rate-per-second <n>     refill rate per device (env IOTV1_RATE_PER_SECOND, default 1)
  --devices <file>          JSON array of devices (env IOTV1_DEVICES; default: the demo devices)
  --no-validate-responses   do not check responses and acks against the spec (default: check unless NODE_ENV=production)
  --log-level <level>       fatal, error, warn, info, debug (env IOTV1_LOG_LEVEL, default info)`;

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
      'rate-capacity': { type: 'string' },
      'rate-per-second': { type: 'string' },
      devices: { type: 'string' },
      'no-validate-responses': { type: 'boolean' },
      'log-level': { type: 'string' },
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
  return {
    host: values.host ?? env.IOTV1_HOST ?? '127.0.0.1',
    httpsPort: number(values['https-port'], 'IOTV1_HTTPS_PORT', 8443),
    mqttPort: number(values['mqtt-port'], 'IOTV1_MQTT_PORT', 1883),
    tls: { ...(keyFile !== undefined && { keyFile }), ...(certFile !== undefined && { certFile }) },
    maxPayloadBytes: number(values['max-payload'], 'IOTV1_MAX_PAYLOAD', 65_536),
    rateLimit: {
      capacity: number(values['rate-capacity'], 'IOTV1_RATE_CAPACITY', 60),
      perSecond: number(values['rate-per-second'], 'IOTV1_RATE_PER_SECOND', 1),
    },
    validateResponses: values['no-validate-responses'] !== true && env.NODE_ENV !== 'production',
    devices: devicesFile === undefined ? DEMO_DEVICES : (JSON.parse(readFileSync(devicesFile, 'utf8')) as Device[]),
    logLevel: values['log-level'] ?? env.IOTV1_LOG_LEVEL ?? 'info',
  };
}

/** Defaults for a server inside a test: free ports, quiet logs, responses checked. */
export function testConfig(overrides: Partial<ServerConfig> = {}): ServerConfig {
  return { ...parseConfig([], {}), httpsPort: 0, mqttPort: 0, logLevel: 'silent', ...overrides };
}

#!/usr/bin/env node
import { parseConfig, USAGE } from './config.js';
import { DEMO_DEVICES } from './devices.js';
import { startReferenceServer } from './server.js';

if (process.argv.includes('--help') || process.argv.includes('-h')) {
  console.log(USAGE);
  process.exit(0);
}
/** How long closing may take beyond the grace period (cutting connections, committing the store) before the process just exits. */
const SHUTDOWN_BACKSTOP_MS = 5000;
const config = parseConfig(process.argv.slice(2), process.env);
const server = await startReferenceServer(config).catch((error: unknown) => {
  const taken = portTaken(error);
  if (taken === undefined) throw error;
  console.error(taken);
  process.exit(1);
});
const device = config.devices[0] ?? DEMO_DEVICES[0]!;
const body = JSON.stringify({ message_id: 'demo-1', readings: [{ feed: 'temperature', value: 21.5, unit: 'Cel' }] });
const mqttPort = new URL(server.mqttUrl).port;
console.log(`iot/v1 reference server
  HTTPS  ${server.httpsUrl}   (self-signed certificate unless --tls-cert is given: use curl -k)
  MQTT   ${server.mqttUrl}

Try it (device ${device.id}, token ${device.token}):
  curl -k -X POST ${server.httpsUrl}/iot/v1/devices/${device.id}/feed-data -H 'Authorization: Bearer ${device.token}' -H 'Content-Type: application/json' -d '${body}'
  curl -k ${server.httpsUrl}/iot/v1/devices/${device.id}/config -H 'Authorization: Bearer ${device.token}'
  mosquitto_sub -h ${config.host} -p ${mqttPort} -u ${device.id} -P ${device.token} -t 'iot/v1/devices/${device.id}/ack' -q 1 &
  mosquitto_pub -h ${config.host} -p ${mqttPort} -u ${device.id} -P ${device.token} -t 'iot/v1/devices/${device.id}/feed-data' -q 1 -m '${body}'

Other demo devices: ${config.devices
  .slice(1)
  .map((d) => d.id)
  .join(', ')} (token: token-<id>). Ctrl-C stops the server.`);

// Graceful shutdown, bounded: in-flight work gets the grace period, the backstop ends the process if closing hangs,
// and a second signal ends it at once.
let closing = false;
const shutDown = (): void => {
  if (closing) process.exit(1);
  closing = true;
  setTimeout(() => {
    console.error('iot/v1 reference server: shutdown did not finish in time; exiting');
    process.exit(1);
  }, config.shutdownGraceMs + SHUTDOWN_BACKSTOP_MS).unref();
  server.close().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error('iot/v1 reference server: shutdown failed:', error);
      process.exit(1);
    },
  );
};
process.on('SIGINT', shutDown);
process.on('SIGTERM', shutDown);

/** What to tell the user when a listener's port is taken (with the flag and variable that move it), or `undefined`. */
function portTaken(error: unknown): string | undefined {
  const { code, port } = error as { code?: string; port?: number };
  if (code !== 'EADDRINUSE') return undefined;
  const [listener, flag, variable] = port === config.mqttPort ? ['MQTT', '--mqtt-port', 'IOTV1_MQTT_PORT'] : ['HTTPS', '--https-port', 'IOTV1_HTTPS_PORT'];
  return `iot/v1 reference server: ${listener} port ${port ?? '?'} on ${config.host} is already in use.
Stop what holds it, or pick another port with ${flag} <n> or ${variable}=<n> (0 picks any free port); see --help.`;
}

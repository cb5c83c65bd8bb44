#!/usr/bin/env node
import { parseConfig, USAGE } from './config.js';
import { DEMO_DEVICES } from './devices.js';
import { startReferenceServer } from './server.js';

if (process.argv.includes('--help') || process.argv.includes('-h')) {
  console.log(USAGE);
  process.exit(0);
}
const config = parseConfig(process.argv.slice(2), process.env);
const server = await startReferenceServer(config);
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

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    server.close().then(() => process.exit(0));
  });
}

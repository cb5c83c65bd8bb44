import { vectors } from '@iotv1/conformance';
import { categoryOf } from '@iotv1/registry';
import { runHttpsVectors, runMqttVectors } from '@iotv1/vector-runners';
import { describe, expect, it } from 'vitest';
import * as client from '../src/index.js';
import * as mqtt from '../src/mqtt.js';

/** The conformance vectors through this client: HTTPS answers served by a fetch double, MQTT acks by a broker double. */
const https = { ...client, categoryOf };
const overMqtt = { ...mqtt, categoryOf };

/** One vector with a wrong expectation: the runner must name it. */
const withWrongAction = (id: string) => ({
  ...vectors,
  https: vectors.https.map((v) => (v.id === id ? { ...v, expect: { ...v.expect, action: 'give_up' as const } } : v)),
  mqtt: vectors.mqtt.map((v) => (v.id === id ? { ...v, expect: { ...v.expect, action: 'give_up' as const } } : v)),
});

describe('the conformance vectors through @iotv1/client', () => {
  it(`agrees with every HTTPS vector (${vectors.https.length})`, async () => {
    expect(await runHttpsVectors('client-https', https, vectors)).toEqual([]);
  });

  it(`agrees with every MQTT vector (${vectors.mqtt.length})`, async () => {
    expect(await runMqttVectors('client-mqtt', overMqtt, vectors)).toEqual([]);
  });

  it('names a wrong vector and the target', async () => {
    expect(await runHttpsVectors('client-https', https, withWrongAction('https/code/4029'))).toEqual([
      '[client-https] https/code/4029: action is "retry_later", the vector says "give_up"',
    ]);
    expect(await runMqttVectors('client-mqtt', overMqtt, withWrongAction('mqtt/code/4029'))).toEqual([
      '[client-mqtt] mqtt/code/4029: action is "retry_later", the vector says "give_up"',
    ]);
  });
});

import { type HttpsVector, type MqttVector, vectors } from '@iotv1/conformance';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ackTriggers, httpsTriggers, type Servers, startServers } from './triggers.js';
import { ackDisagreements, replyDisagreements } from './vector-target.js';

/**
 * The reference server as a target of the conformance vectors: every per-code vector, produced by the server over
 * a real TLS socket (and through its MQTT broker), agrees with what the vector's answer and outcome say. A vector
 * without a trigger (a code just added to the spec) is listed as a todo by name: the suite stays green and says
 * what to write.
 */
let servers: Servers;

beforeAll(async () => {
  servers = await startServers();
});
afterAll(() => Promise.all(Object.values(servers).map((running) => running.close())));
afterEach(() => {
  for (const running of Object.values(servers)) expect(running.violations).toEqual([]);
});

const perCodeHttps = vectors.https.filter((vector): vector is HttpsVector & { readonly code: number } => vector.code !== null);
const perCodeMqtt = vectors.mqtt.filter((vector) => vector.code !== null);
const noTrigger = (vector: HttpsVector | MqttVector) => `${vector.id} ${vector.expect.errorType ?? vector.expect.kind}: no trigger in the reference server`;

describe('the per-code HTTPS vectors through the reference server', () => {
  for (const vector of perCodeHttps) {
    const trigger = httpsTriggers[vector.code];
    if (trigger === undefined) it.todo(noTrigger(vector));
    else it(vector.id, async () => expect(replyDisagreements(vector, await trigger(servers))).toEqual([]));
  }
});

describe('the per-code MQTT vectors through the reference server', () => {
  for (const vector of perCodeMqtt) {
    const trigger = ackTriggers[vector.id];
    if (trigger === undefined) it.todo(noTrigger(vector));
    else it(vector.id, async () => expect(ackDisagreements(vector, await trigger(servers))).toEqual([]));
  }
});

describe('the reference server target', () => {
  it('has a vector for every trigger', () => {
    expect(Object.keys(httpsTriggers).filter((code) => !perCodeHttps.some((vector) => String(vector.code) === code))).toEqual([]);
    expect(Object.keys(ackTriggers).filter((id) => !perCodeMqtt.some((vector) => vector.id === id))).toEqual([]);
  });

  it('names a wrong vector', async () => {
    const https = perCodeHttps.find((vector) => vector.id === 'https/code/4029')!;
    const mqtt = perCodeMqtt.find((vector) => vector.id === 'mqtt/code/4029')!;
    const wrongAction = { action: 'give_up' } as const;
    expect(replyDisagreements({ ...https, expect: { ...https.expect, ...wrongAction } }, await httpsTriggers[4029]!(servers))).toEqual([
      '[reference-server] https/code/4029: action is "retry_later", the vector says "give_up"',
    ]);
    expect(ackDisagreements({ ...mqtt, expect: { ...mqtt.expect, ...wrongAction } }, await ackTriggers['mqtt/code/4029']!(servers))).toEqual([
      '[reference-server] mqtt/code/4029: action is "retry_later", the vector says "give_up"',
    ]);
  });
});

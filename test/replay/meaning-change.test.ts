import { type HttpsVector, type MqttVector, type Outcome, type Vectors, vectors } from '@iotv1/conformance';
import { requireTools } from '@iotv1/test-tools';
import { beforeAll, describe, expect, inject, it, type TestContext } from 'vitest';
import { type OpenRelease, openRelease } from './src/release-api.js';
import { BUILD_TOOLS } from './src/releases.js';
import { REPLAY_TARGETS, replay, replayTarget } from './src/targets.js';

/**
 * The replay's fixture: today's vectors doctored as if a code's meaning or action had changed since a release, or
 * as if codes had been added after it, and the real releases replayed against them. A change must fail the replay,
 * naming the vector and the release; an added code must pass, as unknown by its class.
 */
const releases = inject('releases');

/** Today's vectors with one code's expectation changed wherever it shows (HTTPS, MQTT, and so the C table). */
function changed(code: number, change: Partial<Outcome>): Vectors {
  const edit = <V extends HttpsVector | MqttVector>(vector: V): V => (vector.code === code ? { ...vector, expect: { ...vector.expect, ...change } } : vector);
  return { ...vectors, https: vectors.https.map(edit), mqtt: vectors.mqtt.map(edit) };
}

/** `base` with a code added after every release: the vectors of the code `like`, under a new number and error type. */
function withAddedCode(base: Vectors, like: number, code: number, errorType: string): Vectors {
  const https = base.https
    .filter((vector) => vector.code === like)
    .map((vector): HttpsVector => {
      const body = JSON.parse(vector.answer.body) as { error: object };
      const answer = { ...vector.answer, body: JSON.stringify({ ...body, code, error: { ...body.error, type: errorType } }) };
      return { ...vector, id: `https/code/${code}`, code, answer, expect: { ...vector.expect, code, errorType } };
    });
  const mqtt = base.mqtt
    .filter((vector) => vector.code === like)
    .map(
      (vector): MqttVector => ({
        ...vector,
        id: `mqtt/code/${code}`,
        code,
        ack: { ...vector.ack, error: { type: errorType } },
        expect: { ...vector.expect, code, errorType },
      }),
    );
  return { ...base, https: [...base.https, ...https], mqtt: [...base.mqtt, ...mqtt] };
}

const CHANGES: readonly { readonly about: string; readonly code: number; readonly change: Partial<Outcome> }[] = [
  { about: '4029 made final (not retryable, given up)', code: 4029, change: { retryable: false, action: 'give_up' } },
  { about: '4003 made a server error', code: 4003, change: { category: 'Server Error' } },
];

/** A final client error like 4022 and a retryable server error like 5003, in no release. */
const ADDED = withAddedCode(withAddedCode(vectors, 4022, 4077, 'replay_added_final'), 5003, 5077, 'replay_added_retryable');

for (const built of releases) {
  describe(`${built.tag} replayed against doctored vectors`, () => {
    let release: OpenRelease;
    beforeAll(async () => {
      release = await openRelease(built);
    });

    for (const { about, code, change } of CHANGES) {
      const doctored = changed(code, change);
      for (const target of REPLAY_TARGETS.filter((candidate) => candidate.has(built))) {
        it(`${about}: fails the ${target.id} replay, naming the release and the vector`, async (context) => {
          requireTools(context, ...target.tools);
          const { broken } = await replay(target, release, doctored);
          expect(broken).not.toEqual([]);
          const named = new RegExp(`^\\[${built.tag.replaceAll('.', '\\.')} ${target.id}(-https|-mqtt)?\\] (https|mqtt)/code/${code}: `);
          for (const line of broken) expect(line).toMatch(named);
        });
      }
    }

    for (const target of REPLAY_TARGETS.filter((candidate) => candidate.has(built) && !candidate.live)) {
      it(`codes added since: passes the ${target.id} replay, unknown by their class`, async (context) => {
        requireTools(context, ...target.tools);
        expect((await replay(target, release, ADDED)).broken).toEqual([]);
      });
    }
  });
}

describe('a changed meaning, as the replay reports it', () => {
  it("names the release's client, the vector and each field", async (context) => {
    const doctored = changed(4029, { retryable: false, action: 'give_up' });
    expect((await replay(replayTarget('client-https'), await release110(context), doctored)).broken).toEqual([
      '[contract-v1.1.0 client-https] https/code/4029: retryable is true, the vector says false',
      '[contract-v1.1.0 client-https] https/code/4029: action is "retry_later", the vector says "give_up"',
    ]);
  });

  it('reports, and does not fail, a release that gives up over MQTT on a retryable code it does not know', async (context) => {
    expect((await replay(replayTarget('client-mqtt'), await release110(context), ADDED)).ruleChanges).toContain(
      '[contract-v1.1.0 client-mqtt] mqtt/code/5077: action is "give_up", the vector says "retry_later"',
    );
  });
});

/** contract-v1.1.0, whose client's answers are fixed for good. */
async function release110(context: TestContext): Promise<OpenRelease> {
  requireTools(context, ...BUILD_TOOLS);
  const built = releases.find((release) => release.tag === 'contract-v1.1.0');
  if (built === undefined) throw new Error('contract-v1.1.0 is not among the releases built');
  return openRelease(built);
}

import type { RunningServer, StartOptions } from '@iotv1/reference-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Answer, type DeviceRequest, send, type Target } from './contract/http.js';
import { type PrismProxy, startPrismProxy } from './contract/prism.js';
import { activeCodes, type RegistryCode } from './contract/registry.js';
import { CALLER, reportStatus, submission, submit } from './contract/requests.js';
import { OPENAPI_DOCUMENT, ResponseCheck, SPEC_DOCUMENT } from './contract/response-check.js';
import { SCENARIOS } from './contract/scenarios.js';
import { type ServerUnderTest, startServerUnderTest } from './contract/servers.js';

/**
 * An independent contract check of the reference server: Stoplight Prism (`proxy --errors`) in front of it judges
 * every answer it forwards against the bundled OpenAPI document, plain Ajv judges the answers to requests Prism
 * would not forward, and the scenarios reach every code of the registry (a code none reaches yet is a todo by name).
 */
type HttpAnswer = Awaited<ReturnType<NonNullable<StartOptions['rewriteResponse']>>>;

const codes = activeCodes();
const check = new ResponseCheck();

let underTest: ServerUnderTest | undefined;
let prism: PrismProxy | undefined;
/** A second server whose answers the positive controls replace with wrong ones (its test hook), behind its own Prism. */
let liar: ServerUnderTest | undefined;
let liarPrism: PrismProxy | undefined;
/** The same liar behind Prism on spec/openapi.yaml as committed (multi-file), which must catch the same lies. */
let liarSpecPrism: PrismProxy | undefined;
let lie: HttpAnswer | undefined;

/** Resolves once every start has settled (so that afterAll stops whatever did start), failing with the first failure. */
async function settled(starts: readonly Promise<void>[]): Promise<void> {
  const failure = (await Promise.allSettled(starts)).find((result) => result.status === 'rejected');
  if (failure !== undefined) throw failure.reason;
}

// The two servers, then the three Prism processes, each group started together: Prism takes seconds to start.
beforeAll(async () => {
  await settled([
    startServerUnderTest('server').then((started) => {
      underTest = started;
    }),
    startServerUnderTest('liar', { rewriteResponse: (_operationId, answer) => lie ?? answer }).then((started) => {
      liar = started;
    }),
  ]);
  const [server, lying] = [underTest!, liar!];
  await settled([
    startPrismProxy({ document: OPENAPI_DOCUMENT, upstream: server.server.httpsUrl, caFile: server.caFile }).then((started) => {
      prism = started;
    }),
    startPrismProxy({ document: OPENAPI_DOCUMENT, upstream: lying.server.httpsUrl, caFile: lying.caFile }).then((started) => {
      liarPrism = started;
    }),
    startPrismProxy({ document: SPEC_DOCUMENT, upstream: lying.server.httpsUrl, caFile: lying.caFile }).then((started) => {
      liarSpecPrism = started;
    }),
  ]);
});

afterAll(async () => {
  const stopped = await Promise.allSettled([prism?.stop(), liarPrism?.stop(), liarSpecPrism?.stop()]);
  const closed = await Promise.allSettled([underTest?.server.close(), liar?.server.close()]);
  const failure = [...stopped, ...closed].find((result) => result.status === 'rejected');
  if (failure !== undefined) throw failure.reason;
});

interface PrismViolation {
  readonly location: readonly string[];
  readonly severity: string;
  readonly code: string | number;
  readonly message: string;
}

/** What Prism found wrong with a request or response (errors and warnings alike); none when the header is absent. */
function violationsOf(answer: Answer): readonly PrismViolation[] {
  const header = answer.headers['sl-violations'];
  return typeof header === 'string' ? (JSON.parse(header) as PrismViolation[]) : [];
}

const codeOf = (answer: Answer) => (answer.body as { code?: unknown } | undefined)?.code;
const server = (): RunningServer => underTest!.server;
const direct = (): Target => ({ url: server().httpsUrl, ca: server().certificate });

describe('the reference server keeps the contract: Prism proxy --errors, plain Ajv where Prism answers itself', () => {
  it('has scenarios only for active codes of the registry', () => {
    expect(SCENARIOS.filter((scenario) => !codes.some((entry) => entry.code === scenario.code)).map((scenario) => scenario.name)).toEqual([]);
  });

  // A code no scenario reaches yet (one just added to the spec) is a todo by name, as in the server's own suite.
  for (const entry of codes.filter((candidate) => !SCENARIOS.some((scenario) => scenario.code === candidate.code))) {
    it.todo(`${entry.code} ${entry.errorType ?? 'success'}: no scenario reaches it`);
  }

  it.each(SCENARIOS.map((scenario) => [`${scenario.code} ${scenario.via}: ${scenario.name}`, scenario] as const))('%s', async (_name, scenario) => {
    const entry = codes.find((candidate) => candidate.code === scenario.code)!;
    const target: Target = scenario.via === 'prism' ? { url: prism!.url } : direct();
    const selfChecked = server().violations.length;
    const answers: Answer[] = [];
    const answer = await scenario.run(async (request: DeviceRequest) => {
      const sent = await send(target, request);
      answers.push(sent);
      return sent;
    }, server());

    // Every answer counts, set-up requests included.
    const findings = answers.map((each) => (scenario.via === 'prism' ? violationsOf(each) : check.issues(scenario.operationId, each)));
    expect(findings).toEqual(answers.map(() => []));
    expect(server().violations.slice(selfChecked), "the server's own response check").toEqual([]);
    expect({ status: answer.status, code: codeOf(answer) }, JSON.stringify(answer.body)).toEqual({ status: entry.httpStatus, code: scenario.code });
    if (scenario.accepted !== undefined) expect(answer.body).toMatchObject({ status: scenario.accepted });
  });

  it("answers an id that is nearly the caller's with 4000 and touches no device's data", async () => {
    // Each is refused by the id pattern; a server that trimmed, truncated or normalised the path would act for dev-0001.
    // Direct, as all malformed ids: Prism would refuse the pattern itself.
    const nearIds = ['dev-0001%20', 'dev-0001%00', 'dev-0002%2F..%2Fdev-0001', `dev-0001${'x'.repeat(57)}`];
    const data = async () => ({ records: await server().store.records('dev-0001'), status: server().devices.statusOf('dev-0001') });
    const before = await data();
    for (const id of nearIds) {
      const feed = await send(direct(), submit(id, submission(`near-${id.length}`), CALLER));
      const status = await send(direct(), reportStatus(id, { firmware_version: 'near-miss', uptime_s: 1 }, CALLER));
      expect(check.issues('submitFeedData', feed)).toEqual([]);
      expect(check.issues('reportDeviceStatus', status)).toEqual([]);
      expect(
        [feed, status].map((answer) => [answer.status, codeOf(answer)]),
        id,
      ).toEqual([
        [400, 4000],
        [400, 4000],
      ]);
    }
    expect(await data()).toEqual(before);
  });
});

/** A well-formed error envelope carrying `entry`'s code. */
const envelope = (entry: RegistryCode) => ({ code: entry.code, error: { type: entry.errorType, message: 'a lie', details: {} }, request_id: 'req_control' });

describe('positive controls: both checks catch a server that breaks the contract', () => {
  const errors = codes.filter((entry) => entry.errorType !== null);
  const lies = errors.map((entry) => [entry.httpStatus, entry, errors.find((other) => other.httpStatus !== entry.httpStatus)!] as const);

  it.each(lies)('Prism, on the bundle and on spec/ as committed, flags a %i whose body carries the code of another status', async (_status, entry, other) => {
    lie = { status: entry.httpStatus, body: envelope(other) };
    for (const proxy of [liarPrism!, liarSpecPrism!]) {
      const answer = await send({ url: proxy.url }, submit('dev-0001', submission(`lie-${entry.code}`)));
      expect(answer.status, proxy.url).toBe(500);
      expect(violationsOf(answer)).toContainEqual(expect.objectContaining({ location: ['response', 'body', 'code'], severity: 'Error' }));
    }
  });

  it('Prism flags a 200 without request_id', async () => {
    lie = { status: 200, body: { code: 2000, status: 'created', message_id: 'lie-200' } };
    const answer = await send({ url: liarPrism!.url }, submit('dev-0001', submission('lie-200')));
    expect(answer.status).toBe(500);
    expect(violationsOf(answer)).toContainEqual(expect.objectContaining({ location: ['response', 'body'], code: 'required' }));
  });

  const json = { 'content-type': 'application/json; charset=utf-8' };
  const badRequest = envelope(codes.find((entry) => entry.code === 4000)!);
  const validationFailed = envelope(codes.find((entry) => entry.code === 4022)!);
  it.each([
    ['the right body (the control of the control)', { status: 400, headers: json, body: badRequest }, false],
    ['a 400 carrying 4022', { status: 400, headers: json, body: validationFailed }, true],
    ['a status the operation does not declare', { status: 422, headers: json, body: validationFailed }, true],
    ['a body without request_id', { status: 400, headers: json, body: { ...badRequest, request_id: undefined } }, true],
    ['text/plain', { status: 400, headers: { 'content-type': 'text/plain' }, body: badRequest }, true],
  ] as const)('plain Ajv on getDeviceConfig: %s', (_name, answer, broken) => {
    expect(check.issues('getDeviceConfig', answer).length > 0).toBe(broken);
  });
});

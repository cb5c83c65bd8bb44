import type { RunningServer } from '@iotv1/reference-server';
import type { Answer, DeviceRequest } from './http.js';
import { CALLER, feedDataPath, getConfig, reportStatus, submission, submit } from './requests.js';
import { RATE_CAPACITY, RATE_LIMITED_DEVICE, STORE_FAILURE_MESSAGE_ID } from './servers.js';

export type OperationId = 'submitFeedData' | 'getDeviceConfig' | 'reportDeviceStatus';

/**
 * One situation a device meets, and the registry code the server must answer it with (its HTTP status comes from
 * the registry). `prism`: sent through the Prism proxy, which checks the answer. `direct`: Prism would answer the
 * request itself without forwarding it (each such scenario says why), so it goes straight to the server and plain
 * Ajv checks the answer.
 */
export interface Scenario {
  readonly name: string;
  readonly operationId: OperationId;
  readonly via: 'prism' | 'direct';
  readonly code: number;
  /** Feed data accepted with code 2000: how (`status` of the answer). */
  readonly accepted?: 'created' | 'idempotent' | 'processed';
  /** Sends the scenario's requests, set-up included; resolves with the answer under test (the last one). */
  readonly run: (send: (request: DeviceRequest) => Promise<Answer>, server: RunningServer) => Promise<Answer>;
}

/**
 * Device ids the spec's pattern `^[A-Za-z0-9_-]{1,64}$` refuses: a character outside it, one character too many, more
 * than Fastify's router takes (100), and a path segment that is not valid percent-encoding.
 */
const BAD_ID = 'dev%21x';
const LONG_ID = 'd'.repeat(65);
const OVERLONG_ID = 'd'.repeat(101);
const UNDECODABLE_ID = 'dev%E0%A4%A';

export const SCENARIOS: readonly Scenario[] = [
  {
    name: 'new feed data is created',
    operationId: 'submitFeedData',
    via: 'prism',
    code: 2000,
    accepted: 'created',
    run: (send) => send(submit('dev-0001', submission('contract-created'))),
  },
  {
    name: 'the same feed data again is idempotent',
    operationId: 'submitFeedData',
    via: 'prism',
    code: 2000,
    accepted: 'idempotent',
    run: async (send) => {
      await send(submit('dev-0001', submission('contract-retry')));
      return send(submit('dev-0001', submission('contract-retry')));
    },
  },
  {
    name: 'feed data of a deferred device is processed',
    operationId: 'submitFeedData',
    via: 'prism',
    code: 2000,
    accepted: 'processed',
    run: (send) => send(submit('dev-deferred', submission('contract-deferred'))),
  },
  { name: 'the config is served', operationId: 'getDeviceConfig', via: 'prism', code: 2000, run: (send) => send(getConfig('dev-0001')) },
  { name: 'a status report is stored', operationId: 'reportDeviceStatus', via: 'prism', code: 2000, run: (send) => send(reportStatus('dev-0001')) },
  {
    // Direct: Prism never answers a body that is not JSON (its parser fails, then it waits for the end of a stream it already read).
    name: 'malformed JSON',
    operationId: 'submitFeedData',
    via: 'direct',
    code: 4000,
    run: (send) => send({ method: 'POST', path: feedDataPath('dev-0001'), raw: '{"message_id":' }),
  },
  // Direct, the malformed ids: Prism checks path parameters itself and answers its own 422 without forwarding.
  { name: 'a malformed device id (config)', operationId: 'getDeviceConfig', via: 'direct', code: 4000, run: (send) => send(getConfig(BAD_ID, CALLER)) },
  { name: 'a device id too long (config)', operationId: 'getDeviceConfig', via: 'direct', code: 4000, run: (send) => send(getConfig(LONG_ID, CALLER)) },
  {
    name: 'a malformed device id (feed data)',
    operationId: 'submitFeedData',
    via: 'direct',
    code: 4000,
    run: (send) => send(submit(BAD_ID, submission('contract-bad-id'), CALLER)),
  },
  {
    name: 'a device id too long (status)',
    operationId: 'reportDeviceStatus',
    via: 'direct',
    code: 4000,
    run: (send) => send(reportStatus(LONG_ID, undefined, CALLER)),
  },
  {
    name: "a device id over the router's limit (feed data)",
    operationId: 'submitFeedData',
    via: 'direct',
    code: 4000,
    run: (send) => send(submit(OVERLONG_ID, submission('contract-overlong-id'), CALLER)),
  },
  {
    name: 'a device id that is not valid percent-encoding (status)',
    operationId: 'reportDeviceStatus',
    via: 'direct',
    code: 4000,
    run: (send) => send(reportStatus(UNDECODABLE_ID, undefined, CALLER)),
  },
  {
    // Direct: Prism's security check answers a request without a token with its own 401.
    name: 'no token',
    operationId: 'submitFeedData',
    via: 'direct',
    code: 4001,
    run: (send) => send({ ...submit('dev-0001', submission('contract-no-token')), token: null }),
  },
  {
    name: 'a token nobody has',
    operationId: 'reportDeviceStatus',
    via: 'prism',
    code: 4001,
    run: (send) => send(reportStatus('dev-0001', undefined, 'token-nobody')),
  },
  {
    name: 'a device without a licence',
    operationId: 'submitFeedData',
    via: 'prism',
    code: 4002,
    run: (send) => send(submit('dev-unlicensed', submission('contract-unlicensed'))),
  },
  { name: 'a device the policy blocks', operationId: 'getDeviceConfig', via: 'prism', code: 4003, run: (send) => send(getConfig('dev-blocked')) },
  {
    name: 'a feed the policy forbids',
    operationId: 'submitFeedData',
    via: 'prism',
    code: 4003,
    run: (send) => send(submit('dev-0001', submission('contract-camera', [{ feed: 'camera.raw', value: 'frame' }]))),
  },
  {
    name: "another device's status",
    operationId: 'reportDeviceStatus',
    via: 'prism',
    code: 4003,
    run: (send) => send(reportStatus('dev-0002', undefined, CALLER)),
  },
  { name: 'an unknown device', operationId: 'getDeviceConfig', via: 'prism', code: 4004, run: (send) => send(getConfig('dev-9999', CALLER)) },
  {
    name: 'a message id reused for other content',
    operationId: 'submitFeedData',
    via: 'prism',
    code: 4009,
    run: async (send) => {
      await send(submit('dev-0001', submission('contract-conflict')));
      return send(submit('dev-0001', submission('contract-conflict', [{ feed: 'temperature', value: 99 }])));
    },
  },
  {
    // Through Prism: the body is valid (a reading's string value has no length limit), and Prism forwards bodies up to 10 MB.
    name: 'a body over the 64 KiB limit',
    operationId: 'submitFeedData',
    via: 'prism',
    code: 4013,
    run: (send) => send(submit('dev-0001', submission('contract-large', [{ feed: 'temperature', value: 'x'.repeat(70_000) }]))),
  },
  {
    // Direct: Prism answers a media type the operation does not list with its own 422.
    name: 'a text/plain body',
    operationId: 'submitFeedData',
    via: 'direct',
    code: 4015,
    run: (send) => send({ method: 'POST', path: feedDataPath('dev-0001'), raw: JSON.stringify(submission('contract-text')), contentType: 'text/plain' }),
  },
  // Direct, the invalid bodies: Prism validates request bodies itself and answers its own 422 without forwarding.
  {
    name: 'feed data without readings',
    operationId: 'submitFeedData',
    via: 'direct',
    code: 4022,
    run: (send) => send(submit('dev-0001', submission('contract-empty', []))),
  },
  {
    name: 'a status with a negative uptime',
    operationId: 'reportDeviceStatus',
    via: 'direct',
    code: 4022,
    run: (send) => send(reportStatus('dev-0001', { firmware_version: '2.4.1', uptime_s: -1 })),
  },
  {
    name: 'a device over its rate limit',
    operationId: 'getDeviceConfig',
    via: 'prism',
    code: 4029,
    run: async (send) => {
      // Bounded: a full bucket, plus the tokens that refill (one a second) while it empties.
      for (let attempt = 0; attempt < 2 * RATE_CAPACITY; attempt++) {
        const answer = await send(getConfig(RATE_LIMITED_DEVICE));
        if (answer.status !== 200) return answer;
      }
      throw new Error(`${2 * RATE_CAPACITY} requests of one device, none refused`);
    },
  },
  {
    name: 'the store fails unexpectedly',
    operationId: 'submitFeedData',
    via: 'prism',
    code: 5000,
    run: (send) => send(submit('dev-0001', submission(STORE_FAILURE_MESSAGE_ID))),
  },
  {
    name: 'the service is in maintenance',
    operationId: 'reportDeviceStatus',
    via: 'prism',
    code: 5003,
    run: async (send, server) => {
      server.setMaintenance(30);
      try {
        return await send(reportStatus('dev-0001'));
      } finally {
        server.setMaintenance(null);
      }
    },
  },
];

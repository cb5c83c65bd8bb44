import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { ResponseCodes } from '@iotv1/registry';
import { type ErrorReply, errorReply, type OperationId, replies } from '@iotv1/validators';
import { type ContractViolation, iotv1Fastify } from '@iotv1/validators/fastify';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Device, DeviceDirectory } from './devices.js';
import type { InFlight } from './drain.js';
import type { FeedDataService } from './feed-data.js';
import { checkPathParameters, routerRefusalReply } from './path-parameters.js';
import { refusalReply, writeOnSocket } from './replies.js';

export interface HttpsOptions {
  readonly tls: { readonly key: string; readonly cert: string };
  readonly bodyLimitBytes: number;
  readonly validateResponses: boolean;
  readonly onViolation: (violation: ContractViolation) => void;
  readonly logLevel: string;
  readonly timeouts: HttpsTimeouts;
  /** Requests count here until their answer is sent or their connection drops, so that a shutdown lets them finish. */
  readonly inFlight: InFlight;
  readonly rewriteResponse?: RewriteResponse;
  /** Benchmarks only: see the adapter's option of that name. */
  readonly unsafeSkipRequestValidation?: boolean;
}

/** How long a connection may take for each step before it is closed, in milliseconds (see `ServerConfig.httpsTimeouts`). */
export interface HttpsTimeouts {
  readonly handshakeMs: number;
  readonly idleMs: number;
  readonly headersMs: number;
  readonly requestMs: number;
}

/** An HTTPS answer as the test hook `rewriteResponse` sees it. */
export interface HttpAnswer {
  readonly status: number;
  readonly body: unknown;
}

/**
 * Test hook: rewrites each JSON answer after it was checked against the spec, so that client tests can simulate an
 * older server (a body without `code`), a newer one (a code added after the client was built) or a slow one. Tests only.
 */
export type RewriteResponse = (operationId: string | null, answer: HttpAnswer) => HttpAnswer | Promise<HttpAnswer>;

/** The HTTPS side of the device API: every operation of the spec, on Fastify, through the validators' adapter. */
export function buildHttpsApp(devices: DeviceDirectory, feedData: FeedDataService, options: HttpsOptions): FastifyInstance {
  const { timeouts } = options;
  const app = Fastify({
    https: {
      key: options.tls.key,
      cert: options.tls.cert,
      handshakeTimeout: timeouts.handshakeMs,
      headersTimeout: timeouts.headersMs,
      // Node checks header and request deadlines on this interval (30 s by default), so it bounds how late they fire.
      connectionsCheckingInterval: Math.max(100, Math.min(timeouts.headersMs, timeouts.requestMs) / 4),
      // A request without Host is answered by the hook below with the envelope, not by Node with an empty 400.
      requireHostHeader: false,
    },
    connectionTimeout: timeouts.idleMs,
    keepAliveTimeout: timeouts.idleMs,
    requestTimeout: timeouts.requestMs,
    bodyLimit: options.bodyLimitBytes,
    genReqId: newRequestId,
    logger: { level: options.logLevel },
    // What Node refuses before there is a request (an unparseable request line, headers over 16 KiB, a timeout).
    // 431 and 408 have no registry code, so each is 4000: the request as sent cannot be taken.
    // TLS failures (a handshake timeout, a bad ClientHello) come here too: with no TLS session there is no one to answer.
    clientErrorHandler: (error: Error & { code?: string }, socket) => {
      const code = error.code ?? '';
      const reason = CLIENT_ERRORS.get(code) ?? (code.startsWith('HPE_') ? 'not a valid HTTP/1.1 request' : undefined);
      if (reason === undefined) socket.destroy();
      else writeOnSocket(socket, errorReply(ResponseCodes.BAD_REQUEST, newRequestId(), { message: reason }));
    },
    // Refusals of the router come before any route or hook, so the adapter never sees them: without this they would
    // leave with Fastify's own body (a 400, or a 414 the spec does not list).
    frameworkErrors: (error, request, reply) => {
      const requestId = String(request.id);
      const answer = routerRefusalReply(error, requestId);
      if (answer === undefined) request.log.error({ err: error }, 'unexpected router failure');
      sendUnrouted(reply, answer ?? replies.internalError(requestId));
    },
  });
  const api = iotv1Fastify(app, {
    validateResponses: options.validateResponses,
    onViolation: options.onViolation,
    unsafeSkipRequestValidation: options.unsafeSkipRequestValidation === true,
  });
  // No operation is a CONNECT; without a listener Node would drop the socket without a word.
  app.server.on('connect', (_request, socket) => writeOnSocket(socket, replies.notFound(newRequestId())));
  // Any `Expect` but 100-continue goes through Fastify (not Node's empty 417), to be refused by the hook below.
  app.server.on('checkExpectation', app.routing);
  const authenticated = new WeakMap<FastifyRequest, Device>();
  app.addHook('onRequest', async (_request, reply) => {
    options.inFlight.track(once(reply.raw, 'close'));
  });
  // An answer sent while the server shuts down tells the client not to send another on this connection.
  app.addHook('onSend', async (_request, reply, payload) => {
    if (options.inFlight.draining) reply.header('connection', 'close');
    return payload;
  });
  const { rewriteResponse } = options;
  if (rewriteResponse !== undefined) {
    app.addHook('onSend', async (request, reply, payload) => {
      if (typeof payload !== 'string') return payload;
      const operationId = (request.routeOptions.config as { operationId?: string } | undefined)?.operationId ?? null;
      const answer = await rewriteResponse(operationId, { status: reply.statusCode, body: JSON.parse(payload) });
      reply.code(answer.status);
      return JSON.stringify(answer.body);
    });
  }

  // A request without Host, or with an expectation the server cannot meet, is malformed whoever sends it (4000).
  app.addHook('onRequest', async (request, reply) => {
    const malformed = malformedFraming(request);
    if (malformed === undefined) return;
    return api.send(reply.header('connection', 'close'), errorReply(ResponseCodes.BAD_REQUEST, String(request.id), { message: malformed }));
  });

  // Authentication comes before the body is even read: an unknown caller learns nothing else (4001), and its
  // connection is closed so that Node does not read and discard whatever body it announced. Node keeps only the
  // first of two Authorization headers, so they are counted in the raw headers: two are refused, not guessed.
  app.addHook('onRequest', async (request, reply) => {
    const authorizations = request.raw.rawHeaders.filter((name, index) => index % 2 === 0 && name.toLowerCase() === 'authorization');
    const token = authorizations.length === 1 ? /^Bearer (\S+)$/i.exec(request.headers.authorization ?? '')?.[1] : undefined;
    const device = token === undefined ? undefined : devices.byToken(token);
    if (device === undefined) return api.send(reply.header('connection', 'close'), replies.unauthorized(String(request.id)));
    authenticated.set(request, device);
  });

  // Path parameters are checked once the caller is known and before the body is read (4000, see checkPathParameters).
  if (options.unsafeSkipRequestValidation !== true) {
    app.addHook('onRequest', async (request, reply) => {
      const operationId = (request.routeOptions.config as { operationId?: OperationId } | undefined)?.operationId;
      const malformed = operationId === undefined ? undefined : checkPathParameters(operationId, request.params, String(request.id));
      if (malformed !== undefined) return api.send(reply, malformed);
    });
  }

  /** The device a request acts for: it must exist (4004), be the caller (4003), and pass the gates. */
  const actingDevice = (request: FastifyRequest, deviceId: string) => {
    const requestId = String(request.id);
    const device = devices.byId(deviceId);
    if (device === undefined) return { reply: errorReply(ResponseCodes.NOT_FOUND, requestId, { message: 'unknown device', details: { device_id: deviceId } }) };
    if (authenticated.get(request)?.id !== device.id) {
      return { reply: errorReply(ResponseCodes.FORBIDDEN, requestId, { message: 'a device may only act for itself', details: { device_id: deviceId } }) };
    }
    const refusal = feedData.admit(device);
    return refusal === undefined ? { device } : { reply: refusalReply(refusal, requestId) };
  };

  api.route('submitFeedData', async ({ params, body, raw }) => {
    const acting = actingDevice(raw, params.deviceId);
    if (acting.reply !== undefined) return acting.reply;
    const outcome = await feedData.submit(acting.device, body);
    if (!outcome.ok) return refusalReply(outcome.refusal, String(raw.id));
    return { status: 200, body: { code: ResponseCodes.OK, status: outcome.status, message_id: body.message_id, request_id: String(raw.id) } };
  });

  api.route('getDeviceConfig', async ({ params, raw }) => {
    const acting = actingDevice(raw, params.deviceId);
    if (acting.reply !== undefined) return acting.reply;
    const { config } = acting.device;
    return {
      status: 200,
      body: {
        code: ResponseCodes.OK,
        request_id: String(raw.id),
        config: {
          revision: config.revision,
          report_interval_s: config.reportIntervalSeconds,
          feeds: [...config.feeds],
          max_payload_bytes: options.bodyLimitBytes,
        },
      },
    };
  });

  api.route('reportDeviceStatus', async ({ params, body, raw }) => {
    const acting = actingDevice(raw, params.deviceId);
    if (acting.reply !== undefined) return acting.reply;
    devices.recordStatus(acting.device.id, body);
    return { status: 200, body: { code: ResponseCodes.OK, request_id: String(raw.id), config_revision: acting.device.config.revision } };
  });

  return app;
}

function newRequestId(): string {
  return `req_${randomBytes(8).toString('hex')}`;
}

/** Why Node refused a connection's bytes, by its error code. */
const CLIENT_ERRORS: ReadonlyMap<string, string> = new Map([
  ['HPE_HEADER_OVERFLOW', 'request headers exceed the server limit'],
  ['ERR_HTTP_REQUEST_TIMEOUT', 'request not received in time'],
]);

/** What makes a request malformed before its route matters, or `undefined`. */
function malformedFraming(request: FastifyRequest): string | undefined {
  if (request.headers.host === undefined) return 'a Host header is required';
  const expect = request.headers.expect;
  if (expect !== undefined && expect.toLowerCase() !== '100-continue') return 'the only expectation supported is 100-continue';
  return undefined;
}

/** Sends a reply for a request no route was found for (so there is no operation whose responses it could be checked against). */
function sendUnrouted(reply: FastifyReply, answer: ErrorReply): void {
  reply.code(answer.status).headers(answer.headers).type('application/json').send(answer.body);
}

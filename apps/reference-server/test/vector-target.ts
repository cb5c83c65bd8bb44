import type { HttpsVector, MqttVector, Outcome } from '@iotv1/conformance';
import { actionOf, classify, codeForErrorType, FEED_DATA_STATUSES, ResponseCodes } from '@iotv1/registry';
import type { HttpReply } from './support.js';
import type { Ack } from './triggers.js';

/*
 * The reference server as a conformance target: its real answer to a vector's trigger against the vector. The
 * answer must match the vector's where the contract fixes it, and lead a device to the vector's outcome.
 * `@iotv1/client` (whose `interpret` is not exported) cannot read it here: the client's tests depend on this
 * server, and a dependency back would be a cycle. The outcome is read with the registry instead, the rule a device
 * follows once the HTTP status is checked: a known code by its entry, an unknown one by its class.
 */
const TARGET = 'reference-server';

type Fields = Readonly<Record<string, unknown>>;
type Envelope = { readonly code?: unknown; readonly error?: { readonly type?: unknown } };

function disagreements(id: string, got: Fields, want: Fields): string[] {
  return Object.keys(want)
    .filter((field) => !Object.is(got[field], want[field]))
    .map((field) => `[${TARGET}] ${id}: ${field} is ${JSON.stringify(got[field])}, the vector says ${JSON.stringify(want[field])}`);
}

/** The outcome fields the server decides (not `receivedCode`: the server sends registry codes only). */
function expectedOutcome({ kind, code, category, errorType, retryable, action }: Outcome): Fields {
  return { kind, code, category, errorType, retryable, action };
}

function outcomeOf(code: number): Fields {
  const classified = classify(code);
  return {
    kind: !classified.known ? 'unknown' : classified.category === 'Success' ? 'success' : 'error',
    code: classified.known ? classified.code : null,
    category: classified.category,
    errorType: classified.known ? classified.entry.errorType : null,
    retryable: classified.retryable,
    action: actionOf(code),
  };
}

const envelopeOf = (body: unknown): Envelope => (typeof body === 'object' && body !== null ? body : {});
const errorTypeIn = (envelope: Envelope): unknown => envelope.error?.type ?? null;
/** The value of `Retry-After` may differ (it counts down); whether the server asks the device to wait may not. */
const presence = (header: unknown): string => (header === undefined ? 'absent' : 'present');
const mediaType = (header: unknown): unknown => (typeof header === 'string' ? header.split(';')[0]!.trim() : header);

/** A server reply against a per-code HTTPS vector: its answer's status, code, error type and headers, then the outcome. */
export function replyDisagreements(vector: HttpsVector, reply: HttpReply): string[] {
  const body = envelopeOf(reply.body);
  const answer = envelopeOf(JSON.parse(vector.answer.body));
  const got = {
    status: reply.status,
    'content-type': mediaType(reply.headers['content-type']),
    'body.code': body.code ?? null,
    'body.error.type': errorTypeIn(body),
    'retry-after': presence(reply.headers['retry-after']),
  };
  const want = {
    status: vector.answer.status,
    'content-type': mediaType(vector.answer.headers['content-type']),
    'body.code': answer.code ?? null,
    'body.error.type': errorTypeIn(answer),
    'retry-after': presence(vector.answer.headers['retry-after']),
  };
  // Without a code there is no outcome to read: `body.code` already says so.
  if (typeof body.code !== 'number') return disagreements(vector.id, got, want);
  return disagreements(vector.id, { ...got, ...outcomeOf(body.code) }, { ...want, ...expectedOutcome(vector.expect) });
}

/** An ack's registry code: 2000 for a feed-data status, else its error type's. */
function codeOfAck(ack: Ack): number | undefined {
  if ((FEED_DATA_STATUSES as readonly unknown[]).includes(ack.status)) return ResponseCodes.OK;
  const errorType = errorTypeIn(ack);
  return typeof errorType === 'string' ? codeForErrorType(errorType) : undefined;
}

/** A server ack against an MQTT vector: its status, flag and error type, then the outcome (over MQTT, retryable is the ack's). */
export function ackDisagreements(vector: MqttVector, ack: Ack): string[] {
  const got = { 'ack.status': ack.status, 'ack.retryable': ack.retryable, 'ack.error.type': errorTypeIn(ack) };
  const want = { 'ack.status': vector.ack.status, 'ack.retryable': vector.ack.retryable, 'ack.error.type': errorTypeIn(vector.ack) };
  const code = codeOfAck(ack);
  if (code === undefined) return disagreements(vector.id, got, want);
  return disagreements(vector.id, { ...got, ...outcomeOf(code), retryable: ack.retryable }, { ...want, ...expectedOutcome(vector.expect) });
}

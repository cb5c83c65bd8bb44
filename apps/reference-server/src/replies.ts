import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { type ErrorReply, errorReply } from '@iotv1/validators';
import type { Refusal } from './feed-data.js';

/** The HTTPS reply of a refusal. */
export function refusalReply(refusal: Refusal, requestId: string): ErrorReply {
  const options = { ...(refusal.message !== undefined && { message: refusal.message }), ...(refusal.details !== undefined && { details: refusal.details }) };
  return 'retryAfterSeconds' in refusal
    ? errorReply(refusal.code, requestId, { ...options, retryAfterSeconds: refusal.retryAfterSeconds })
    : errorReply(refusal.code, requestId, options);
}

/**
 * Writes an error reply straight onto a socket and closes it, for what Node refuses before Fastify sees a request
 * (unparseable request lines, header overflow, timeouts, CONNECT): there is no response object to send it with.
 */
export function writeOnSocket(socket: Duplex, answer: ErrorReply): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const body = JSON.stringify(answer.body);
  const headers = {
    ...answer.headers,
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(body)),
    connection: 'close',
  };
  const head = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`);
  // Destroyed once flushed, not merely ended: a peer that never closes its side must not keep the socket open.
  socket.once('finish', () => socket.destroy());
  socket.end(`HTTP/1.1 ${answer.status} ${STATUS_CODES[answer.status] ?? ''}\r\n${head.join('')}\r\n${body}`);
}

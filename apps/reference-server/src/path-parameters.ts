import { ResponseCodes } from '@iotv1/registry';
import { type ErrorReply, errorReply, type OperationId, operations, type ValidationIssue, type Validator } from '@iotv1/validators';
import type { FastifyError } from 'fastify';

/**
 * A path parameter the spec refuses (a device id outside `^[A-Za-z0-9_-]{1,64}$`) makes the request malformed: 4000,
 * not 4022, which is about bodies. Checked before any device is looked up, so a near-miss id never reaches a device.
 */
function malformedPathReply(requestId: string, issues: readonly ValidationIssue[]): ErrorReply {
  return errorReply(ResponseCodes.BAD_REQUEST, requestId, { message: 'malformed path parameter', details: { issues } });
}

/** The 4000 reply for path parameters of `operationId` that do not match the spec; `undefined` when they do. */
export function checkPathParameters(operationId: OperationId, params: unknown, requestId: string): ErrorReply | undefined {
  const check: Validator<unknown> | null = operations[operationId].params;
  const checked = check?.(params);
  if (checked === undefined || checked.ok) return undefined;
  return malformedPathReply(
    requestId,
    checked.issues.map((issue) => ({ ...issue, pointer: `/params${issue.pointer}` })),
  );
}

/** Why the router refused a path, by Fastify error code. */
const ROUTER_REFUSALS: ReadonlyMap<string, string> = new Map([
  ['FST_ERR_BAD_URL', 'not valid percent-encoding'],
  ['FST_ERR_MAX_PARAM_LENGTH', 'too long to be a path parameter'],
]);

/**
 * The router's own refusals, before any route is known: a path segment that is not valid percent-encoding, or one
 * longer than Fastify's `maxParamLength` (100). Neither can be a device id, so they are malformed paths too;
 * `undefined` for any other framework error.
 */
export function routerRefusalReply(error: FastifyError, requestId: string): ErrorReply | undefined {
  const reason = ROUTER_REFUSALS.get(error.code);
  return reason === undefined ? undefined : malformedPathReply(requestId, [{ pointer: '/params', keyword: 'pattern', message: reason }]);
}

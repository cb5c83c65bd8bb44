import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type OperationId, operations, type Validator } from './gen/validators.js';
import { type ErrorReply } from './replies.js';
import { type ValidationIssue } from './result.js';
/** What a route handler answers: a status, a body and headers; the adapter sends it. */
export interface OperationReply {
    readonly status: number;
    readonly headers?: Readonly<Record<string, string>>;
    readonly body: unknown;
}
/** A response that does not match the spec. */
export interface ContractViolation {
    readonly operationId: OperationId | null;
    readonly status: number;
    readonly issues: readonly ValidationIssue[];
}
export interface Iotv1FastifyOptions {
    /** Check every response against the spec before it is sent (on in development and tests). @default false */
    readonly validateResponses?: boolean;
    /**
     * Called for a response that breaks the contract; the client then gets 5000 instead. @default logs the
     * violation as an error
     */
    readonly onViolation?: (violation: ContractViolation) => void;
    /**
     * Benchmarks only: hands path parameters and bodies to the handlers without checking them against the spec, so
     * that a benchmark can measure what request validation costs. A server with this on trusts every client: its
     * handlers get input typed as valid that may be anything. Never turn it on in a server that takes real traffic.
     * @default false
     */
    readonly unsafeSkipRequestValidation?: boolean;
}
type ValidatedOf<V> = V extends Validator<infer T> ? T : undefined;
/** The request of an operation after validation: typed path parameters and body. */
export interface OperationRequest<Id extends OperationId> {
    readonly params: ValidatedOf<(typeof operations)[Id]['params']>;
    readonly body: ValidatedOf<(typeof operations)[Id]['body']>;
    readonly raw: FastifyRequest;
}
/**
 * Connects the spec to a Fastify app: every framework failure becomes its canonical error response (malformed
 * JSON or a key given twice 4000, body over `bodyLimit` 4013 before it is parsed, wrong content type, charset or an
 * encoding 4015, unknown path 4004, anything unexpected 5000), and `route` registers operations whose parameters and
 * bodies are checked with the precompiled validators (4022) before the handler runs.
 */
export declare function iotv1Fastify(app: FastifyInstance, options?: Iotv1FastifyOptions): {
    /** Sends a reply (checked against the spec when `validateResponses` is on), for hooks that answer early. */
    send: (reply: FastifyReply, answer: OperationReply | ErrorReply) => FastifyReply;
    /** Registers the handler of one operation of the spec, at the spec's method and path. */
    route<Id extends OperationId>(operationId: Id, handler: (request: OperationRequest<Id>) => Promise<OperationReply | ErrorReply>): void;
};
export {};
//# sourceMappingURL=fastify.d.ts.map
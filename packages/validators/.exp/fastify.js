import { ResponseCodes } from '@iotv1/registry';
import { checkResponse } from './conformance.js';
import { operations } from './gen/validators.js';
import { errorReply, replies } from './replies.js';
import { valid } from './result.js';
/**
 * Connects the spec to a Fastify app: every framework failure becomes its canonical error response (malformed
 * JSON or a key given twice 4000, body over `bodyLimit` 4013 before it is parsed, wrong content type, charset or an
 * encoding 4015, unknown path 4004, anything unexpected 5000), and `route` registers operations whose parameters and
 * bodies are checked with the precompiled validators (4022) before the handler runs.
 */
export function iotv1Fastify(app, options = {}) {
    const skipRequestValidation = options.unsafeSkipRequestValidation === true;
    if (skipRequestValidation)
        app.log.warn('iot/v1 request validation is off (unsafeSkipRequestValidation): every client is trusted');
    // Off, `valid` stands in for each schema check, so the request takes the same path minus the validators' work.
    const requestCheck = (validator) => (validator === null || !skipRequestValidation ? validator : valid);
    const violation = options.onViolation ?? ((v) => app.log.error({ violation: v }, 'response breaks the iot/v1 contract'));
    const send = (reply, operationId, answer) => {
        if (options.validateResponses === true) {
            const issues = operationId === null ? [] : checkResponse(operationId, answer.status, answer.body);
            if (issues.length > 0) {
                violation({ operationId, status: answer.status, issues });
                answer = replies.internalError(String(reply.request.id));
            }
        }
        return reply
            .code(answer.status)
            .headers({ ...answer.headers })
            .type('application/json')
            .send(answer.body);
    };
    // The spec's bodies are JSON only: Fastify's built-in text/plain parser would let other media types reach validation.
    app.removeContentTypeParser('text/plain');
    // Ambiguous bodies are refused rather than guessed: an encoding or charset the parser would ignore (4015), a key
    // given twice, of which JSON.parse would silently keep the last (4000). Poisoning keys stay Fastify's errors (4000).
    const parseJson = app.getDefaultJsonParser('error', 'error');
    app.removeContentTypeParser('application/json');
    app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, raw, done) => {
        const body = raw; // parseAs: 'string'
        const requestId = String(request.id);
        const encoding = request.headers['content-encoding'];
        if (encoding !== undefined && encoding.trim().toLowerCase() !== 'identity') {
            return done(new RefusedBody(errorReply(ResponseCodes.UNSUPPORTED_MEDIA_TYPE, requestId, { message: 'bodies are not encoded', details: { content_encoding: encoding } })));
        }
        const charset = /;\s*charset\s*=\s*"?([^";\s]*)/i.exec(request.headers['content-type'] ?? '')?.[1];
        if (charset !== undefined && charset.toLowerCase() !== 'utf-8') {
            return done(new RefusedBody(replies.unsupportedMediaType(requestId, request.headers['content-type'])));
        }
        parseJson(request, body, (error, value) => {
            if (error !== null)
                return done(error);
            const duplicate = duplicateKey(body);
            if (duplicate !== undefined)
                return done(new RefusedBody(replies.malformedJson(requestId, `the key "${duplicate}" appears twice in one object`)));
            done(null, value);
        });
    });
    app.setErrorHandler((error, request, reply) => {
        const requestId = String(request.id);
        const answer = error instanceof RefusedBody ? error.reply : replyForFrameworkError(error, requestId, app.initialConfig.bodyLimit ?? 1_048_576, request, app);
        send(reply, operationIdOf(request), answer);
    });
    app.setNotFoundHandler((request, reply) => {
        send(reply, null, replies.notFound(String(request.id)));
    });
    return {
        /** Sends a reply (checked against the spec when `validateResponses` is on), for hooks that answer early. */
        send: (reply, answer) => send(reply, operationIdOf(reply.request), answer),
        /** Registers the handler of one operation of the spec, at the spec's method and path. */
        route(operationId, handler) {
            const operation = operations[operationId];
            const params = requestCheck(operation.params);
            const body = requestCheck(operation.body);
            app.route({
                method: operation.method,
                url: operation.path.replace(/\{([^}]+)\}/g, ':$1'),
                config: { operationId },
                handler: async (request, reply) => {
                    const requestId = String(request.id);
                    const checkedParams = params === null ? { ok: true, value: undefined } : params(request.params);
                    if (!checkedParams.ok)
                        return send(reply, operationId, replies.validationFailed(requestId, prefixed('/params', checkedParams.issues)));
                    if (body !== null && request.body === undefined && operation.bodyRequired) {
                        return send(reply, operationId, replies.validationFailed(requestId, [{ pointer: '', keyword: 'required', message: 'a request body is required' }]));
                    }
                    const checkedBody = body === null ? { ok: true, value: undefined } : body(request.body);
                    if (!checkedBody.ok)
                        return send(reply, operationId, replies.validationFailed(requestId, checkedBody.issues));
                    const answer = await handler({ params: checkedParams.value, body: checkedBody.value, raw: request });
                    return send(reply, operationId, answer);
                },
            });
        },
    };
}
/** A body the content parser refuses, with its reply. */
class RefusedBody extends Error {
    reply;
    constructor(reply) {
        super(reply.body.error.message);
        this.reply = reply;
    }
}
/**
 * The first key that appears twice in one object of `json` (text JSON.parse accepted), decoded, or `undefined`.
 * One pass with an explicit stack, so deep nesting costs no recursion.
 */
function duplicateKey(json) {
    const objects = [];
    let expectingKey = false;
    for (let index = 0; index < json.length; index += 1) {
        const char = json[index];
        if (char === '"') {
            let end = index + 1;
            while (json[end] !== '"')
                end += json[end] === '\\' ? 2 : 1;
            const keys = objects.at(-1);
            if (expectingKey && keys != null) {
                const key = JSON.parse(json.slice(index, end + 1));
                if (keys.has(key))
                    return key;
                keys.add(key);
            }
            expectingKey = false;
            index = end;
        }
        else if (char === '{' || char === '[') {
            objects.push(char === '{' ? new Set() : null);
            expectingKey = char === '{';
        }
        else if (char === '}' || char === ']') {
            objects.pop();
        }
        else if (char === ',') {
            expectingKey = objects.at(-1) != null;
        }
    }
    return undefined;
}
/** The operation a request was routed to, or `null` (an unknown path). */
function operationIdOf(request) {
    return request.routeOptions.config?.operationId ?? null;
}
function replyForFrameworkError(error, requestId, bodyLimit, request, app) {
    switch (error.code) {
        case 'FST_ERR_CTP_BODY_TOO_LARGE':
            return replies.payloadTooLarge(requestId, bodyLimit);
        case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
            return replies.unsupportedMediaType(requestId, request.headers['content-type']);
        case 'FST_ERR_CTP_EMPTY_JSON_BODY':
            return replies.malformedJson(requestId, 'the body is empty');
    }
    // Fastify's JSON parser reports syntax errors and prototype-poisoning keys as 400s.
    if (error instanceof SyntaxError || error.statusCode === 400)
        return replies.malformedJson(requestId, error.message);
    app.log.error({ err: error, requestId }, 'unexpected failure');
    return replies.internalError(requestId);
}
function prefixed(prefix, issues) {
    return issues.map((issue) => ({ ...issue, pointer: `${prefix}${issue.pointer}` }));
}
//# sourceMappingURL=fastify.js.map
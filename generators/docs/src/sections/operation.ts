import type { HttpOperation, HttpParameter, HttpResponse, PortableSchema, SecurityScheme } from '@iotv1/generator-kit';
import { operationId } from '../anchors.js';
import { code, type Inline, paragraphs, prose, text } from '../inline.js';
import { typeText } from '../schema-text.js';
import { type CodeRef, type Example, example, type ModelIndex } from './model-index.js';

/** One HTTPS operation: what to send, what comes back, and which codes it can return. */

export interface Parameter {
  readonly name: string;
  readonly in: string;
  readonly required: boolean;
  readonly type: Inline;
  readonly description: Inline;
  readonly example: string | null;
}

export interface Body {
  readonly mediaType: string;
  readonly required: boolean;
  readonly schema: Inline;
  readonly description: Inline;
  readonly examples: readonly Example[];
}

export interface Header {
  readonly name: string;
  readonly required: boolean;
  readonly type: Inline;
  readonly description: Inline;
}

export interface Response {
  readonly status: number;
  readonly description: Inline;
  readonly codes: readonly CodeRef[];
  readonly mediaType: string;
  readonly schema: Inline;
  readonly headers: readonly Header[];
  readonly examples: readonly Example[];
}

export interface Operation {
  readonly id: string;
  readonly operationId: string;
  readonly method: string;
  readonly path: string;
  readonly summary: Inline;
  readonly description: readonly Inline[];
  /** One line per security scheme the operation accepts. */
  readonly security: readonly Inline[];
  readonly parameters: readonly Parameter[];
  readonly requestBody: Body | null;
  readonly codes: readonly CodeRef[];
  readonly responses: readonly Response[];
}

/** `http bearer`: a scheme's type and, for `http` schemes, which one. */
export const schemeKind = (scheme: SecurityScheme): string => [scheme.type, scheme.scheme].filter((kind) => kind !== '').join(' ');

export function operation(op: HttpOperation, index: ModelIndex): Operation {
  return {
    id: operationId(op),
    operationId: op.operationId,
    method: op.method,
    path: op.path,
    summary: prose(op.summary),
    description: paragraphs(op.description),
    security: op.security.map((name) => securityLine(name, index)),
    parameters: op.parameters.map((p) => parameter(p, index)),
    requestBody:
      op.requestBody === null
        ? null
        : {
            mediaType: op.requestBody.mediaType,
            required: op.requestBody.required,
            schema: schemaLink(op.requestBody.schemaId, op.requestBody.schema, index),
            description: prose(op.requestBody.description),
            examples: op.requestBody.examples.map(example),
          },
    codes: op.responseCodes.map(index.codeRef),
    responses: op.responses.map((r) => response(r, index)),
  };
}

function securityLine(name: string, index: ModelIndex): Inline {
  const scheme = index.model.http.securitySchemes.find((s) => s.name === name);
  return [code(name), text(scheme === undefined ? '' : ` (${schemeKind(scheme)}): `), ...prose(scheme?.description ?? '')];
}

function parameter(p: HttpParameter, index: ModelIndex): Parameter {
  return {
    name: p.name,
    in: p.in,
    required: p.required,
    type: typeText(p.schema, index.scope),
    description: prose(p.description),
    example: p.examples[0] === undefined ? null : JSON.stringify(p.examples[0].value),
  };
}

function response(r: HttpResponse, index: ModelIndex): Response {
  return {
    status: r.status,
    description: prose(r.description),
    codes: r.codes.map(index.codeRef),
    mediaType: r.mediaType,
    schema: schemaLink(r.schemaId, r.schema, index),
    headers: r.headers.map((h) => ({ name: h.name, required: h.required, type: typeText(h.schema, index.scope), description: prose(h.description) })),
    examples: r.examples.map(example),
  };
}

/** A body schema: a link to its schema file when it has one, else the schema itself. */
function schemaLink(id: string | null, schema: PortableSchema, index: ModelIndex): Inline {
  return typeText(id === null ? schema : { $ref: id }, index.scope);
}

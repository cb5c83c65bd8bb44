import type { Server } from '@iotv1/generator-kit';
import { type Listed, listed } from '../listed.js';
import type { HttpsSection } from '../sections/https.js';
import type { CodeRef } from '../sections/model-index.js';
import type { Body, Operation, Parameter, Response } from '../sections/operation.js';
import { type HtmlExample, htmlExamples } from './blocks.js';
import { type HtmlInline, htmlInline, htmlParagraphs } from './inline.js';

export interface HtmlParameter {
  readonly name: string;
  readonly in: string;
  readonly required: boolean;
  readonly type: HtmlInline;
  readonly description: HtmlInline;
  readonly hasExample: boolean;
  readonly example: string;
}

export interface HtmlBody {
  readonly mediaType: string;
  readonly required: boolean;
  readonly schema: HtmlInline;
  readonly hasDescription: boolean;
  readonly description: HtmlInline;
  readonly examples: readonly HtmlExample[];
}

export interface HtmlResponse {
  readonly status: number;
  readonly hasDescription: boolean;
  readonly description: HtmlInline;
  readonly hasCodes: boolean;
  readonly codes: readonly CodeRef[];
  readonly mediaType: string;
  readonly schema: HtmlInline;
  readonly hasHeaders: boolean;
  readonly headers: readonly { readonly name: string; readonly required: boolean; readonly type: HtmlInline; readonly description: HtmlInline }[];
  readonly hasExamples: boolean;
  readonly examples: readonly HtmlExample[];
}

export interface HtmlOperation {
  readonly id: string;
  readonly operationId: string;
  readonly method: string;
  readonly path: string;
  readonly summary: HtmlInline;
  readonly description: readonly HtmlInline[];
  readonly hasSecurity: boolean;
  readonly security: readonly Listed<{ readonly scheme: HtmlInline }>[];
  readonly hasParameters: boolean;
  readonly parameters: readonly HtmlParameter[];
  readonly hasRequestBody: boolean;
  readonly requestBody: HtmlBody | null;
  readonly codes: readonly CodeRef[];
  readonly responses: readonly HtmlResponse[];
}

export interface HtmlHttps {
  readonly description: readonly HtmlInline[];
  readonly servers: readonly Server[];
  readonly security: readonly { readonly name: string; readonly kind: string; readonly description: HtmlInline }[];
  readonly operations: readonly HtmlOperation[];
}

export function htmlHttps(section: HttpsSection): HtmlHttps {
  return {
    description: htmlParagraphs(section.description),
    servers: section.servers,
    security: section.security.map((s) => ({ name: s.name, kind: s.kind, description: htmlInline(s.description) })),
    operations: section.operations.map(htmlOperation),
  };
}

function htmlOperation(op: Operation): HtmlOperation {
  return {
    id: op.id,
    operationId: op.operationId,
    method: op.method,
    path: op.path,
    summary: htmlInline(op.summary),
    description: htmlParagraphs(op.description),
    hasSecurity: op.security.length > 0,
    security: listed(op.security.map((scheme) => ({ scheme: htmlInline(scheme) }))),
    hasParameters: op.parameters.length > 0,
    parameters: op.parameters.map(htmlParameter),
    hasRequestBody: op.requestBody !== null,
    requestBody: op.requestBody === null ? null : htmlBody(op.requestBody),
    codes: op.codes,
    responses: op.responses.map(htmlResponse),
  };
}

function htmlParameter(p: Parameter): HtmlParameter {
  return {
    name: p.name,
    in: p.in,
    required: p.required,
    type: htmlInline(p.type),
    description: htmlInline(p.description),
    hasExample: p.example !== null,
    example: p.example ?? '',
  };
}

function htmlBody(body: Body): HtmlBody {
  return {
    mediaType: body.mediaType,
    required: body.required,
    schema: htmlInline(body.schema),
    hasDescription: body.description.length > 0,
    description: htmlInline(body.description),
    examples: htmlExamples(body.examples),
  };
}

function htmlResponse(r: Response): HtmlResponse {
  return {
    status: r.status,
    hasDescription: r.description.length > 0,
    description: htmlInline(r.description),
    hasCodes: r.codes.length > 0,
    codes: r.codes,
    mediaType: r.mediaType,
    schema: htmlInline(r.schema),
    hasHeaders: r.headers.length > 0,
    headers: r.headers.map((h) => ({ name: h.name, required: h.required, type: htmlInline(h.type), description: htmlInline(h.description) })),
    hasExamples: r.examples.length > 0,
    examples: htmlExamples(r.examples),
  };
}

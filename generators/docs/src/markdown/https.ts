import { type Listed, listed } from '../listed.js';
import type { HttpsSection } from '../sections/https.js';
import type { Body, Operation, Parameter, Response } from '../sections/operation.js';
import { type MdCodeRef, type MdExample, mdCodeRef, mdExamples } from './blocks.js';
import { mdCode, mdText } from './escape.js';
import type { MarkdownScope } from './scope.js';

/** A row of the parameters table: every value escaped for a cell; `example` is empty when there is none. */
export interface MdParameter {
  readonly name: string;
  readonly in: string;
  readonly required: boolean;
  readonly type: string;
  readonly description: string;
  readonly example: string;
}

export interface MdBody {
  readonly mediaType: string;
  readonly required: boolean;
  readonly schema: string;
  readonly hasDescription: boolean;
  readonly description: string;
  readonly examples: readonly MdExample[];
}

export interface MdResponse {
  readonly status: number;
  readonly hasDescription: boolean;
  readonly description: string;
  readonly mediaType: string;
  readonly schema: string;
  readonly hasCodes: boolean;
  readonly codes: readonly Listed<MdCodeRef>[];
  readonly headers: readonly { readonly name: string; readonly required: boolean; readonly type: string; readonly description: string }[];
  readonly examples: readonly MdExample[];
}

export interface MdOperation {
  readonly id: string;
  readonly method: string;
  readonly path: string;
  readonly summary: string;
  readonly description: readonly string[];
  readonly operationId: string;
  readonly hasSecurity: boolean;
  readonly security: readonly Listed<{ readonly scheme: string }>[];
  readonly hasParameters: boolean;
  readonly parameters: readonly MdParameter[];
  readonly hasRequestBody: boolean;
  readonly requestBody: MdBody | null;
  readonly codes: readonly Listed<MdCodeRef>[];
  readonly responses: readonly MdResponse[];
}

export interface MdHttps {
  readonly description: readonly string[];
  readonly servers: readonly { readonly url: string; readonly description: string }[];
  readonly security: readonly { readonly name: string; readonly kind: string; readonly description: string }[];
  readonly operations: readonly MdOperation[];
}

export function mdHttps(section: HttpsSection, scope: MarkdownScope): MdHttps {
  return {
    description: scope.paragraphs(section.description),
    servers: section.servers.map((s) => ({ url: mdCode(s.url), description: mdText(s.description) })),
    security: section.security.map((s) => ({ name: mdCode(s.name), kind: mdText(s.kind), description: scope.block(s.description) })),
    operations: section.operations.map((op) => mdOperation(op, scope)),
  };
}

function mdOperation(op: Operation, scope: MarkdownScope): MdOperation {
  return {
    id: op.id,
    method: mdText(op.method),
    path: mdCode(op.path),
    summary: scope.block(op.summary),
    description: scope.paragraphs(op.description),
    operationId: mdCode(op.operationId),
    hasSecurity: op.security.length > 0,
    security: listed(op.security.map((scheme) => ({ scheme: scope.block(scheme) }))),
    hasParameters: op.parameters.length > 0,
    parameters: op.parameters.map((p) => mdParameter(p, scope)),
    hasRequestBody: op.requestBody !== null,
    requestBody: op.requestBody === null ? null : mdBody(op.requestBody, scope),
    codes: listed(op.codes.map((ref) => mdCodeRef(ref, scope))),
    responses: op.responses.map((r) => mdResponse(r, scope)),
  };
}

function mdParameter(p: Parameter, scope: MarkdownScope): MdParameter {
  return {
    name: mdCode(p.name, 'cell'),
    in: mdText(p.in, 'cell'),
    required: p.required,
    type: scope.cell(p.type),
    description: scope.cell(p.description),
    example: p.example === null ? '' : mdCode(p.example, 'cell'),
  };
}

function mdBody(body: Body, scope: MarkdownScope): MdBody {
  const description = scope.block(body.description);
  return {
    mediaType: mdCode(body.mediaType),
    required: body.required,
    schema: scope.block(body.schema),
    hasDescription: description !== '',
    description,
    examples: mdExamples(body.examples),
  };
}

function mdResponse(r: Response, scope: MarkdownScope): MdResponse {
  const description = scope.block(r.description);
  return {
    status: r.status,
    hasDescription: description !== '',
    description,
    mediaType: mdCode(r.mediaType),
    schema: scope.block(r.schema),
    hasCodes: r.codes.length > 0,
    codes: listed(r.codes.map((ref) => mdCodeRef(ref, scope))),
    headers: r.headers.map((h) => ({ name: mdCode(h.name), required: h.required, type: scope.block(h.type), description: scope.block(h.description) })),
    examples: mdExamples(r.examples),
  };
}

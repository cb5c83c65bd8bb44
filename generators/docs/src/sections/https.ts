import type { Server } from '@iotv1/generator-kit';
import { type Inline, paragraphs, prose } from '../inline.js';
import type { ModelIndex } from './model-index.js';
import { type Operation, operation, schemeKind } from './operation.js';

/** The HTTPS API: its servers, how to authenticate, and every operation. */
export interface HttpsSection {
  readonly title: string;
  readonly description: readonly Inline[];
  readonly servers: readonly Server[];
  readonly security: readonly { readonly name: string; readonly kind: string; readonly description: Inline }[];
  readonly operations: readonly Operation[];
}

export function httpsSection(index: ModelIndex): HttpsSection {
  const { http } = index.model;
  return {
    title: http.title,
    description: paragraphs(http.description),
    servers: http.servers,
    security: http.securitySchemes.map((s) => ({ name: s.name, kind: schemeKind(s), description: prose(s.description) })),
    operations: index.model.operations.map((op) => operation(op, index)),
  };
}

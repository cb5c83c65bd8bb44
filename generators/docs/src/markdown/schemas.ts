import { href, SECTION } from '../anchors.js';
import type { Schema, SchemasSection } from '../sections/schemas.js';
import { type MdExample, type MdField, mdExamples, mdFields } from './blocks.js';
import { mdCode, mdText } from './escape.js';
import type { MarkdownScope } from './scope.js';

export interface MdSchema {
  readonly id: string;
  readonly title: string;
  readonly file: string;
  readonly uri: string;
  readonly description: readonly string[];
  readonly isRegistry: boolean;
  readonly codesHref: string;
  readonly hasType: boolean;
  readonly type: string;
  readonly hasFields: boolean;
  readonly fields: readonly MdField[];
  readonly closed: boolean;
  readonly examples: readonly MdExample[];
}

export interface MdSchemas {
  readonly bundlesNote: string;
  readonly files: readonly MdSchema[];
}

export function mdSchemas(section: SchemasSection, scope: MarkdownScope): MdSchemas {
  return { bundlesNote: scope.block(section.bundlesNote), files: section.files.map((s) => mdSchema(s, scope)) };
}

function mdSchema(schema: Schema, scope: MarkdownScope): MdSchema {
  return {
    id: schema.id,
    title: mdText(schema.title),
    file: mdCode(schema.file),
    uri: mdCode(schema.uri),
    description: scope.paragraphs(schema.description),
    isRegistry: schema.isRegistry,
    codesHref: scope.href(href(SECTION.codes)),
    hasType: schema.type !== null,
    type: scope.block(schema.type ?? []),
    hasFields: schema.fields.length > 0,
    fields: mdFields(schema.fields, scope),
    closed: schema.closed,
    examples: mdExamples(schema.examples),
  };
}

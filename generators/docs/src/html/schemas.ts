import { href, SECTION } from '../anchors.js';
import type { Schema, SchemasSection } from '../sections/schemas.js';
import { type HtmlExample, type HtmlField, htmlExamples, htmlFields } from './blocks.js';
import { type HtmlInline, htmlInline, htmlParagraphs } from './inline.js';

export interface HtmlSchema {
  readonly id: string;
  readonly title: string;
  readonly file: string;
  readonly uri: string;
  readonly description: readonly HtmlInline[];
  readonly isRegistry: boolean;
  readonly codesHref: string;
  readonly hasType: boolean;
  readonly type: HtmlInline;
  readonly hasFields: boolean;
  readonly fields: readonly HtmlField[];
  readonly closed: boolean;
  readonly examples: readonly HtmlExample[];
}

export interface HtmlSchemas {
  readonly bundlesNote: HtmlInline;
  readonly files: readonly HtmlSchema[];
}

export function htmlSchemas(section: SchemasSection): HtmlSchemas {
  return { bundlesNote: htmlInline(section.bundlesNote), files: section.files.map(htmlSchema) };
}

function htmlSchema(schema: Schema): HtmlSchema {
  return {
    id: schema.id,
    title: schema.title,
    file: schema.file,
    uri: schema.uri,
    description: htmlParagraphs(schema.description),
    isRegistry: schema.isRegistry,
    codesHref: href(SECTION.codes),
    hasType: schema.type !== null,
    type: htmlInline(schema.type ?? []),
    hasFields: schema.fields.length > 0,
    fields: htmlFields(schema.fields),
    closed: schema.closed,
    examples: htmlExamples(schema.examples),
  };
}

import type { Field } from '../schema-text.js';
import type { Example } from '../sections/model-index.js';
import { type HtmlInline, htmlInline } from './inline.js';

/** Views of the blocks several sections share: the `fields` and `examples` partials. */

export interface HtmlField {
  readonly name: string;
  readonly type: HtmlInline;
  readonly required: boolean;
  readonly description: HtmlInline;
}

export interface HtmlExample {
  readonly hasName: boolean;
  readonly name: string;
  readonly hasSummary: boolean;
  readonly summary: string;
  readonly json: string;
}

export function htmlFields(fields: readonly Field[]): HtmlField[] {
  return fields.map((field) => ({ name: field.name, type: htmlInline(field.type), required: field.required, description: htmlInline(field.description) }));
}

export function htmlExamples(examples: readonly Example[]): HtmlExample[] {
  return examples.map((example) => ({
    hasName: example.name !== '',
    name: example.name,
    hasSummary: example.summary !== '',
    summary: example.summary,
    json: example.json,
  }));
}

import type { Field } from '../schema-text.js';
import type { CodeRef, Example } from '../sections/model-index.js';
import { mdCode, mdFence, mdText, type Where } from './escape.js';
import type { MarkdownScope } from './scope.js';

/** Views of the blocks several sections share: field tables, examples and links to codes. */

/** A row of the `fields` partial's table: every value escaped for a cell. */
export interface MdField {
  readonly name: string;
  readonly type: string;
  readonly required: boolean;
  readonly description: string;
}

export interface MdExample {
  readonly hasName: boolean;
  readonly name: string;
  readonly hasSummary: boolean;
  readonly summary: string;
  readonly fence: string;
}

export interface MdCodeRef {
  readonly code: string;
  readonly message: string;
  readonly href: string;
}

export function mdFields(fields: readonly Field[], scope: MarkdownScope): MdField[] {
  return fields.map((field) => ({
    name: mdCode(field.name, 'cell'),
    type: scope.cell(field.type),
    required: field.required,
    description: scope.cell(field.description),
  }));
}

export function mdExamples(examples: readonly Example[]): MdExample[] {
  return examples.map((example) => ({
    hasName: example.name !== '',
    name: mdCode(example.name),
    hasSummary: example.summary !== '',
    summary: mdText(example.summary),
    fence: mdFence(example.json, 'json'),
  }));
}

export function mdCodeRef(ref: CodeRef, scope: MarkdownScope, where: Where = 'block'): MdCodeRef {
  return { code: mdCode(String(ref.code), where), message: mdText(ref.message, where), href: scope.href(ref.href) };
}

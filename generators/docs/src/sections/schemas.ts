import type { SchemaDocument } from '@iotv1/generator-kit';
import { schemaId } from '../anchors.js';
import { type Inline, paragraphs } from '../inline.js';
import { BUNDLES_NOTE } from '../prose.js';
import { type Field, fieldsOf, isClosed, typeText } from '../schema-text.js';
import { type Example, fileDescription, fileExamples, type ModelIndex } from './model-index.js';

export interface Schema {
  readonly id: string;
  readonly title: string;
  readonly file: string;
  readonly uri: string;
  readonly description: readonly Inline[];
  /** For schemas that are not objects with properties: what a value is. */
  readonly type: Inline | null;
  readonly fields: readonly Field[];
  readonly closed: boolean;
  readonly examples: readonly Example[];
  /** The registry schema is the table of codes: its entries are not listed again. */
  readonly isRegistry: boolean;
}

/** The shared JSON Schema files, and where their bundled single-file documents are. */
export interface SchemasSection {
  readonly bundlesNote: Inline;
  readonly files: readonly Schema[];
}

export function schemasSection(index: ModelIndex): SchemasSection {
  return { bundlesNote: BUNDLES_NOTE, files: index.model.schemas.map((file) => schema(file, index)) };
}

function schema(file: SchemaDocument, index: ModelIndex): Schema {
  const scope = index.fileScope(file);
  const fields = fieldsOf(file.schema, scope);
  return {
    id: schemaId(file),
    title: typeof file.schema.title === 'string' ? file.schema.title : file.file,
    file: file.file,
    uri: file.id,
    description: paragraphs(fileDescription(file)),
    type: fields.length === 0 ? typeText(file.schema, scope) : null,
    fields,
    closed: isClosed(file.schema),
    examples: fileExamples(file),
    isRegistry: file.id === index.model.schemaIds.responseCode,
  };
}

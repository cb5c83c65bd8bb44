import type { EnumValue, SchemaDocument } from '@iotv1/generator-kit';
import { type Inline, paragraphs, prose } from '../inline.js';
import { ERROR_RESPONSE_INTRO, feedDataStatusesIntro } from '../prose.js';
import { type Field, fieldsOf, typeText } from '../schema-text.js';
import { type Example, fileDescription, fileExamples, type ModelIndex } from './model-index.js';

/** What a device reads in an answer: the error body, the feed-data statuses and the MQTT acknowledgement. */

export interface Status {
  readonly value: string;
  readonly description: Inline;
}

export interface ErrorResponseSection {
  readonly intro: Inline;
  readonly schema: Inline;
  readonly fields: readonly Field[];
  readonly examples: readonly Example[];
}

export interface FeedDataStatusesSection {
  readonly intro: Inline;
  readonly statuses: readonly Status[];
}

export interface AckSection {
  readonly description: readonly Inline[];
  readonly schema: Inline;
  readonly fields: readonly Field[];
  readonly statuses: readonly Status[];
}

export function errorResponseSection(index: ModelIndex): ErrorResponseSection {
  const file = index.schemaFile(index.model.schemaIds.errorResponse);
  return { intro: ERROR_RESPONSE_INTRO, schema: schemaLink(file, index), fields: fieldsOf(file.schema, index.fileScope(file)), examples: fileExamples(file) };
}

export function feedDataStatusesSection(index: ModelIndex): FeedDataStatusesSection {
  return { intro: feedDataStatusesIntro(), statuses: index.model.feedDataStatuses.map(status) };
}

export function ackSection(index: ModelIndex): AckSection {
  const file = index.schemaFile(index.model.schemaIds.feedDataAck);
  return {
    description: paragraphs(fileDescription(file)),
    schema: schemaLink(file, index),
    fields: fieldsOf(file.schema, index.fileScope(file)),
    statuses: index.model.ackStatuses.map(status),
  };
}

const schemaLink = (file: SchemaDocument, index: ModelIndex): Inline => typeText({ $ref: file.id }, index.scope);
const status = (value: EnumValue): Status => ({ value: value.value, description: prose(value.description) });

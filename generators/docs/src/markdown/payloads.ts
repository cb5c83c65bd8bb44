import type { AckSection, ErrorResponseSection, FeedDataStatusesSection, Status } from '../sections/payloads.js';
import { type MdExample, type MdField, mdExamples, mdFields } from './blocks.js';
import { mdCode } from './escape.js';
import type { MarkdownScope } from './scope.js';

/** A row of the `statuses` partial's table. */
export interface MdStatus {
  readonly value: string;
  readonly description: string;
}

export interface MdErrorResponse {
  readonly intro: string;
  readonly schema: string;
  readonly fields: readonly MdField[];
  readonly examples: readonly MdExample[];
}

export interface MdFeedDataStatuses {
  readonly intro: string;
  readonly statuses: readonly MdStatus[];
}

export interface MdAck {
  readonly description: readonly string[];
  readonly schema: string;
  readonly fields: readonly MdField[];
  readonly statuses: readonly MdStatus[];
}

export function mdErrorResponse(section: ErrorResponseSection, scope: MarkdownScope): MdErrorResponse {
  return {
    intro: scope.block(section.intro),
    schema: scope.block(section.schema),
    fields: mdFields(section.fields, scope),
    examples: mdExamples(section.examples),
  };
}

export function mdFeedDataStatuses(section: FeedDataStatusesSection, scope: MarkdownScope): MdFeedDataStatuses {
  return { intro: scope.block(section.intro), statuses: section.statuses.map((s) => mdStatus(s, scope)) };
}

export function mdAck(section: AckSection, scope: MarkdownScope): MdAck {
  return {
    description: scope.paragraphs(section.description),
    schema: scope.block(section.schema),
    fields: mdFields(section.fields, scope),
    statuses: section.statuses.map((s) => mdStatus(s, scope)),
  };
}

const mdStatus = (status: Status, scope: MarkdownScope): MdStatus => ({ value: mdCode(status.value, 'cell'), description: scope.cell(status.description) });

import type { AckSection, ErrorResponseSection, FeedDataStatusesSection, Status } from '../sections/payloads.js';
import { type HtmlExample, type HtmlField, htmlExamples, htmlFields } from './blocks.js';
import { type HtmlInline, htmlInline, htmlParagraphs } from './inline.js';

export interface HtmlStatus {
  readonly value: string;
  readonly description: HtmlInline;
}

export interface HtmlErrorResponse {
  readonly intro: HtmlInline;
  readonly schema: HtmlInline;
  readonly fields: readonly HtmlField[];
  readonly examples: readonly HtmlExample[];
}

export interface HtmlFeedDataStatuses {
  readonly intro: HtmlInline;
  readonly statuses: readonly HtmlStatus[];
}

export interface HtmlAck {
  readonly description: readonly HtmlInline[];
  readonly schema: HtmlInline;
  readonly fields: readonly HtmlField[];
  readonly statuses: readonly HtmlStatus[];
}

export function htmlErrorResponse(section: ErrorResponseSection): HtmlErrorResponse {
  return { intro: htmlInline(section.intro), schema: htmlInline(section.schema), fields: htmlFields(section.fields), examples: htmlExamples(section.examples) };
}

export function htmlFeedDataStatuses(section: FeedDataStatusesSection): HtmlFeedDataStatuses {
  return { intro: htmlInline(section.intro), statuses: section.statuses.map(htmlStatus) };
}

export function htmlAck(section: AckSection): HtmlAck {
  return {
    description: htmlParagraphs(section.description),
    schema: htmlInline(section.schema),
    fields: htmlFields(section.fields),
    statuses: section.statuses.map(htmlStatus),
  };
}

const htmlStatus = (status: Status): HtmlStatus => ({ value: status.value, description: htmlInline(status.description) });

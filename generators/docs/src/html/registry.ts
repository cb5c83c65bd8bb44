import type { Category } from '@iotv1/generator-kit';
import { type Listed, listed } from '../listed.js';
import type { CodeEntry, Producers, RegistrySection } from '../sections/registry.js';
import { type HtmlInline, htmlInline, htmlParagraphs } from './inline.js';

export interface HtmlCodeRow {
  readonly id: string;
  readonly code: number;
  readonly message: string;
  readonly meaning: string;
  readonly retired: boolean;
  readonly retiredReason: string;
  readonly category: Category;
  readonly categoryClass: string;
  readonly hasErrorType: boolean;
  readonly errorType: string;
  readonly httpStatus: number;
  readonly retryable: boolean;
  readonly action: string;
  readonly since: string;
  readonly hasProducers: boolean;
  readonly producers: readonly { readonly transport: Producers['transport']; readonly items: readonly Listed<Producers['items'][number]>[] }[];
  /** Lower-case text the filter script matches against. */
  readonly search: string;
}

export interface HtmlRegistry {
  readonly intro: readonly HtmlInline[];
  readonly codes: readonly HtmlCodeRow[];
  readonly anchorHint: HtmlInline;
}

const CATEGORY_CLASS: Readonly<Record<Category, string>> = { Success: 'success', 'Client Error': 'client', 'Server Error': 'server' };

export function htmlRegistry(section: RegistrySection): HtmlRegistry {
  return { intro: htmlParagraphs(section.intro), codes: section.codes.map(codeRow), anchorHint: htmlInline(section.anchorHint) };
}

function codeRow(entry: CodeEntry): HtmlCodeRow {
  return {
    id: entry.id,
    code: entry.code,
    message: entry.message,
    meaning: entry.meaning,
    retired: entry.retiredReason !== null,
    retiredReason: entry.retiredReason ?? '',
    category: entry.category,
    categoryClass: CATEGORY_CLASS[entry.category],
    hasErrorType: entry.errorType !== null,
    errorType: entry.errorType ?? '',
    httpStatus: entry.httpStatus,
    retryable: entry.retryable,
    action: entry.action,
    since: entry.since,
    hasProducers: entry.producers.length > 0,
    producers: entry.producers.map((group) => ({ transport: group.transport, items: listed(group.items) })),
    search: [entry.code, entry.message, entry.meaning, entry.category, entry.errorType ?? '', entry.httpStatus, entry.retiredReason ?? '']
      .join(' ')
      .toLowerCase(),
  };
}

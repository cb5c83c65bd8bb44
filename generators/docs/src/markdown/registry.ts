import { type Listed, listed } from '../listed.js';
import type { CodeEntry, RegistrySection } from '../sections/registry.js';
import { mdCode, mdText } from './escape.js';
import type { MarkdownScope } from './scope.js';

/** A row of the `code-table` partial: every value escaped for a cell. */
export interface MdCodeRow {
  readonly id: string;
  readonly code: number;
  readonly message: string;
  readonly meaning: string;
  readonly retired: boolean;
  readonly retiredReason: string;
  readonly category: string;
  readonly hasErrorType: boolean;
  readonly errorType: string;
  readonly httpStatus: number;
  readonly retryable: boolean;
  readonly action: string;
  readonly since: string;
  readonly hasProducers: boolean;
  readonly producers: readonly Listed<{ readonly transport: string; readonly items: readonly Listed<{ readonly label: string; readonly href: string }>[] }>[];
}

export interface MdRegistry {
  readonly intro: readonly string[];
  readonly codes: readonly MdCodeRow[];
  readonly anchorHint: string;
}

export function mdRegistry(section: RegistrySection, scope: MarkdownScope): MdRegistry {
  return {
    intro: scope.paragraphs(section.intro),
    codes: section.codes.map((entry) => codeRow(entry, scope)),
    anchorHint: scope.block(section.anchorHint),
  };
}

function codeRow(entry: CodeEntry, scope: MarkdownScope): MdCodeRow {
  return {
    id: entry.id,
    code: entry.code,
    message: mdText(entry.message, 'cell'),
    meaning: mdText(entry.meaning, 'cell'),
    retired: entry.retiredReason !== null,
    retiredReason: mdText(entry.retiredReason ?? '', 'cell'),
    category: mdText(entry.category, 'cell'),
    hasErrorType: entry.errorType !== null,
    errorType: mdCode(entry.errorType ?? '', 'cell'),
    httpStatus: entry.httpStatus,
    retryable: entry.retryable,
    action: mdText(entry.action, 'cell'),
    since: mdText(entry.since, 'cell'),
    hasProducers: entry.producers.length > 0,
    producers: listed(
      entry.producers.map((group) => ({
        transport: mdText(group.transport, 'cell'),
        items: listed(group.items.map((item) => ({ label: mdCode(item.label, 'cell'), href: scope.href(item.href) }))),
      })),
    ),
  };
}

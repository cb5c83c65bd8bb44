import type { Inline } from '../inline.js';
import { mdInline } from './escape.js';

/** How inline parts become Markdown in one file: escaped for where they land, links resolved from that file. */
export interface MarkdownScope {
  /** A fragment of the reference (`#op-submitFeedData`) as a link target of this file. */
  readonly href: (fragment: string) => string;
  /** As a paragraph, a list item or a heading. */
  readonly block: (parts: Inline) => string;
  /** As (part of) one table cell. */
  readonly cell: (parts: Inline) => string;
  readonly paragraphs: (list: readonly Inline[]) => string[];
}

export function markdownScope(href: (fragment: string) => string): MarkdownScope {
  const block = (parts: Inline): string => mdInline(parts, 'block', href);
  return { href, block, cell: (parts) => mdInline(parts, 'cell', href), paragraphs: (list) => list.map(block) };
}

import type { Inline } from '../inline.js';

/** One run of inline text as the `inline` partial places it: the text as it is (Handlebars escapes it), its kind as flags. */
export interface HtmlPart {
  readonly text: string;
  readonly code: boolean;
  readonly link: boolean;
  readonly href: string;
}

export type HtmlInline = readonly HtmlPart[];

export function htmlInline(parts: Inline): HtmlInline {
  return parts.map((part) => ({ text: part.text, code: part.code, link: part.href !== null, href: part.href ?? '' }));
}

export function htmlParagraphs(list: readonly Inline[]): HtmlInline[] {
  return list.map(htmlInline);
}

import { markdownCell } from '@iotv1/generator-kit';
import { type Inline, text } from '../inline.js';

/**
 * Markdown escaping beyond `markdownCell` (generator-core): the docs also put spec text in paragraphs, list items,
 * headings, code spans and fenced blocks. Table cells are one line and never hold a bare `|`; GFM unescapes `\|`
 * in a cell before it parses the cell, code spans included.
 */
export type Where = 'cell' | 'block';

const flat = (value: string): string => value.replace(/[\r\n\u2028\u2029]+/g, ' ');

/** One run of plain text: `markdownCell` plus entities and strikethrough, keeping a space at either edge. */
function inlineText(value: string): string {
  const line = flat(value);
  const body = markdownCell(line).replace(/[&~]/g, (c) => `\\${c}`);
  return `${/^\s/.test(line) ? ' ' : ''}${body}${body !== '' && /\s$/.test(line) ? ' ' : ''}`;
}

/** A code span showing `value` as it is: a fence longer than any backtick run inside it. */
function codeSpan(value: string, where: Where): string {
  const line = flat(value);
  if (line.trim() === '') return inlineText(line);
  const fence = '`'.repeat(Math.max(0, ...(line.match(/`+/g) ?? []).map((run) => run.length)) + 1);
  // A space on both sides keeps a backtick at either end apart from the fence; CommonMark strips one of each.
  const pad = /^[` ]|[` ]$/.test(line) ? ' ' : '';
  return `${fence}${pad}${where === 'cell' ? line.replace(/\|/g, '\\|') : line}${pad}${fence}`;
}

/** Inline parts as one line of Markdown; `resolve` turns a fragment of the reference into a link target of this file. */
export function mdInline(parts: Inline, where: Where, resolve: (href: string) => string): string {
  const line = parts
    .map((part) => {
      const body = part.code ? codeSpan(part.text, where) : inlineText(part.text);
      return part.href === null ? body : `[${body}](${resolve(part.href)})`;
    })
    .join('')
    .trim();
  // At the start of a line, `#`, `>`, `-`, `+`, `=` or `1. ` would start a block instead of text.
  return where === 'cell' ? line : line.replace(/^([#>+=-])/, '\\$1').replace(/^(\d{1,9})([.)])(?=\s|$)/, '$1\\$2');
}

/** Plain spec text as Markdown. */
export function mdText(value: string, where: Where = 'block'): string {
  return mdInline([text(value)], where, (href) => href);
}

/** Spec text shown as code. */
export function mdCode(value: string, where: Where = 'block'): string {
  return codeSpan(value, where).trim();
}

/** A fenced code block that no line of `content` can close. */
export function mdFence(content: string, language: string): string {
  const fence = '`'.repeat(Math.max(2, ...(content.match(/`+/g) ?? []).map((run) => run.length)) + 1);
  return `${fence}${language}\n${content}\n${fence}`;
}

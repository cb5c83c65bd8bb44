/**
 * Inline text, format-neutral: runs of plain text, code and links. The HTML template places the parts (Handlebars
 * escapes each one); the Markdown view escapes them for Markdown. Nothing here is escaped yet.
 */
export interface Part {
  readonly text: string;
  /** Shown as code (`<code>`, a Markdown code span). */
  readonly code: boolean;
  /** A fragment of the reference (`#code-4029`), or `null` for no link. */
  readonly href: string | null;
}

export type Inline = readonly Part[];

export function text(value: string): Part {
  return { text: value, code: false, href: null };
}

export function code(value: string): Part {
  return { text: value, code: true, href: null };
}

export function link(value: string, href: string, asCode = false): Part {
  return { text: value, code: asCode, href };
}

/** Spec prose: a `backticked` run becomes code, as the spec's Markdown means it; an unpaired backtick stays text. */
export function prose(value: string): Inline {
  const parts: Part[] = [];
  let last = 0;
  for (const match of value.matchAll(/`([^`\r\n]+)`/g)) {
    if (match.index > last) parts.push(text(value.slice(last, match.index)));
    parts.push(code(match[1]!));
    last = match.index + match[0].length;
  }
  if (last < value.length) parts.push(text(value.slice(last)));
  return parts;
}

/** Spec prose split into paragraphs at blank lines; line breaks inside a paragraph are spaces. */
export function paragraphs(value: string): Inline[] {
  return value
    .split(/\r?\n\s*\r?\n/)
    .map((paragraph) => paragraph.replace(/\s*[\r\n]+\s*/g, ' ').trim())
    .filter((paragraph) => paragraph !== '')
    .map(prose);
}

/** `items` joined as "a, b and c". */
export function joined(items: readonly Inline[], last = ' and '): Inline {
  return items.flatMap((item, i) => (i === 0 ? item : [text(i === items.length - 1 ? last : ', '), ...item]));
}

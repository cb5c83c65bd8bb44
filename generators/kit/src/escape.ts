/**
 * Escaping per target. A string from the spec must never change the meaning of generated code, whatever it holds
 * (quotes, backslashes, comment terminators, line breaks, non-ASCII).
 */

/** A TypeScript string literal (double-quoted; non-ASCII kept as `\u` escapes so output is plain ASCII). */
export function tsString(value: string): string {
  return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Text for one line of a `/** ... *\/` comment: no comment terminator, no line break. */
export function docCommentText(value: string): string {
  return value
    .replace(/\*\//g, '*\\/')
    .replace(/[\r\n\u2028\u2029]+/g, ' ')
    .trim();
}

/** Text for one Markdown table cell: no line break, no cell separator, no HTML. */
export function markdownCell(value: string): string {
  return value
    .replace(/[\r\n\u2028\u2029]+/g, ' ')
    .replace(/[\\`*_[\]<>|]/g, (c) => `\\${c}`)
    .trim();
}

/**
 * A C string literal that means the same in C89 through C17 and C++: plain ASCII, octal escapes (a hex escape
 * would swallow a following hex digit), and `?` escaped so that no trigraph (`??/`) can form.
 */
export function cString(value: string): string {
  const bytes = new TextEncoder().encode(value);
  let body = '';
  for (const byte of bytes) {
    const char = String.fromCharCode(byte);
    if (char === '"' || char === '\\' || char === '?') body += `\\${char}`;
    else if (byte >= 0x20 && byte < 0x7f) body += char;
    else body += `\\${byte.toString(8).padStart(3, '0')}`;
  }
  return `"${body}"`;
}

/** Text for one line of a C comment: ASCII only, no comment terminator or opener, no line break, no trigraph. */
export function cCommentText(value: string): string {
  return value
    .replace(/[\r\n\u2028\u2029]+/g, ' ')
    .replace(/[^\x20-\x7e]/g, '?')
    .replace(/\*\//g, '* /')
    .replace(/\/\*/g, '/ *')
    .replace(/\?(?=\?)/g, '? ')
    .trim();
}

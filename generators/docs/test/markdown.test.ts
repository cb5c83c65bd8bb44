import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { code, prose, text } from '../src/inline.js';
import { mdCode, mdFence, mdInline, mdText } from '../src/markdown/escape.js';

/** GFM splits a table row at every `|` that has no backslash right before it (cmark-gfm's table scanner). */
const cells = (row: string): string[] => row.split(/(?<!\\)\|/).slice(1, -1);

describe('Markdown escaping', () => {
  it('keeps any string inside its table cell, as text and as code', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (value) => {
        const row = `| a | ${mdText(value, 'cell')} | ${mdCode(value, 'cell')} | ${mdInline([text(value), code(value)], 'cell', (h) => h)} | b |`;
        expect(row).not.toMatch(/[\r\n\u2028\u2029]/);
        expect(cells(row)).toHaveLength(5);
      }),
    );
  });

  it('leaves no raw HTML, link or emphasis in text', () => {
    expect(mdText('<script>alert(1)</script>')).toBe('\\<script\\>alert(1)\\</script\\>');
    expect(mdText('[x](https://example.com) *a* _b_ ~~c~~ &amp;')).toBe('\\[x\\](https://example.com) \\*a\\* \\_b\\_ \\~\\~c\\~\\~ \\&amp;');
  });

  it('does not let text start a block, and leaves a version alone', () => {
    expect(mdText('# heading')).toBe('\\# heading');
    expect(mdText('- item')).toBe('\\- item');
    expect(mdText('1. item')).toBe('1\\. item');
    expect(mdText('1.1.0')).toBe('1.1.0');
    expect(mdText('# not in a cell', 'cell')).toBe('# not in a cell');
  });

  it('shows a code span exactly, backticks included', () => {
    expect(mdCode('a`b')).toBe('``a`b``');
    expect(mdCode('`edge`')).toBe('`` `edge` ``');
    expect(mdCode('a|b', 'cell')).toBe('`a\\|b`');
    expect(mdCode('a|b')).toBe('`a|b`');
  });

  it('fences a block so that no line of it can close the fence', () => {
    fc.assert(
      fc.property(fc.string(), (content) => {
        const [open = '', ...rest] = mdFence(content, 'json').split('\n');
        const fence = /^`+/.exec(open)![0];
        expect(fence.length).toBeGreaterThanOrEqual(3);
        const inner = rest.slice(0, -1);
        for (const line of inner) expect(line.trimStart().startsWith(fence)).toBe(false);
        expect(rest.at(-1)).toBe(fence);
      }),
    );
  });

  it('turns links into links of the file at hand', () => {
    expect(mdInline([text('see '), { text: 'code', code: true, href: '#op-x' }], 'block', (h) => `reference.md${h}`)).toBe('see [`code`](reference.md#op-x)');
  });
});

describe('spec prose', () => {
  it('shows paired backticks as code and keeps an unpaired one as text', () => {
    expect(prose('send `message_id` again')).toEqual([text('send '), code('message_id'), text(' again')]);
    expect(prose('a ` b')).toEqual([text('a ` b')]);
  });
});

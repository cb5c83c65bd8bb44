import { fileURLToPath } from 'node:url';
import { loadContract } from '@iotv1/generator-core';
import type { ContractModel } from '@iotv1/generator-kit';
import fc from 'fast-check';
import Handlebars from 'handlebars';
import { beforeAll, describe, expect, it } from 'vitest';
import { docsContent } from '../src/content.js';
import { htmlExamples } from '../src/html/blocks.js';
import { htmlHttps } from '../src/html/https.js';
import { htmlInline } from '../src/html/inline.js';
import { htmlPage } from '../src/html/page.js';
import { htmlRegistry } from '../src/html/registry.js';
import { docsGenerator } from '../src/index.js';
import { code, link, text } from '../src/inline.js';
import { mdExamples } from '../src/markdown/blocks.js';
import { mdReference } from '../src/markdown/files.js';
import { mdHttps } from '../src/markdown/https.js';
import { mdRegistry } from '../src/markdown/registry.js';
import { markdownScope } from '../src/markdown/scope.js';
import type { HttpsSection } from '../src/sections/https.js';
import type { Example } from '../src/sections/model-index.js';
import type { Operation } from '../src/sections/operation.js';
import type { CodeEntry } from '../src/sections/registry.js';
import { htmlTemplate, markdownTemplate } from '../src/templates.js';

/**
 * The per-section views: what a section model becomes for each target. HTML views keep spec text as it is (the
 * template's Handlebars escapes it); Markdown views escape it for the spot it lands in. Both compute the flags the
 * templates test.
 */

const HOSTILE = 'Too <script>x</script> | `tick` *b* [a](https://example.com) {{y}} &amp;\n# next';
/** `HOSTILE` escaped for a Markdown table cell. */
const HOSTILE_CELL = 'Too \\<script\\>x\\</script\\> \\| \\`tick\\` \\*b\\* \\[a\\](https://example.com) {{y}} \\&amp; # next';
/**
 * fast-check's `unit: 'binary'` (any code point but a lone surrogate), built as fast-check builds it (`mapToConstant`
 * over the same two ranges: the same values and shrinks from the same seed), with an inverse that computes the index
 * instead of filling a map of all 1,112,064 code points (most of a second, spent building `fc.string`, not testing).
 */
const SURROGATES = 0xe000 - 0xd800;
const BINARY = fc.nat({ max: 0x10ffff - SURROGATES }).map(
  (index) => String.fromCodePoint(index < 0xd800 ? index : index + SURROGATES),
  (unit) => {
    const point = typeof unit === 'string' ? unit.codePointAt(0) : undefined;
    if (point === undefined || String.fromCodePoint(point) !== unit || (point >= 0xd800 && point < 0xe000)) throw new Error('not a code point');
    return point < 0xd800 ? point : point - SURROGATES;
  },
);

/** Links resolved as response-codes.md resolves them: everything lives in reference.md. */
const scope = markdownScope((fragment) => `reference.md${fragment}`);

const entry = (overrides: Partial<CodeEntry>): CodeEntry => ({
  id: 'code-4029',
  code: 4029,
  message: 'Too many requests',
  meaning: 'Slow down.',
  category: 'Client Error',
  errorType: 'rate_limited',
  httpStatus: 429,
  retryable: true,
  action: 'retry later',
  since: '1.0.0',
  retiredReason: null,
  producers: [],
  ...overrides,
});

describe('registry views', () => {
  const cases: [string, { given: CodeEntry; html: object; markdown: object }][] = [
    [
      'a code with an error type, returned by two operations',
      {
        given: entry({
          producers: [
            {
              transport: 'HTTPS',
              items: [
                { label: 'a', href: '#op-a' },
                { label: 'b', href: '#op-b' },
              ],
            },
          ],
        }),
        html: {
          hasErrorType: true,
          errorType: 'rate_limited',
          retired: false,
          categoryClass: 'client',
          hasProducers: true,
          producers: [
            {
              transport: 'HTTPS',
              items: [
                { label: 'a', href: '#op-a', more: true },
                { label: 'b', href: '#op-b', more: false },
              ],
            },
          ],
        },
        markdown: {
          hasErrorType: true,
          errorType: '`rate_limited`',
          retired: false,
          hasProducers: true,
          producers: [
            {
              transport: 'HTTPS',
              more: false,
              items: [
                { label: '`a`', href: 'reference.md#op-a', more: true },
                { label: '`b`', href: 'reference.md#op-b', more: false },
              ],
            },
          ],
        },
      },
    ],
    [
      'a success code returned by nothing',
      {
        given: entry({ code: 2000, category: 'Success', errorType: null, retryable: false }),
        html: { hasErrorType: false, errorType: '', categoryClass: 'success', hasProducers: false, producers: [] },
        markdown: { hasErrorType: false, hasProducers: false, producers: [] },
      },
    ],
    [
      'a retired code with a hostile reason',
      {
        given: entry({ retiredReason: HOSTILE }),
        html: { retired: true, retiredReason: HOSTILE },
        markdown: { retired: true, retiredReason: HOSTILE_CELL },
      },
    ],
    [
      'hostile message and meaning',
      {
        given: entry({ message: HOSTILE, meaning: HOSTILE }),
        html: { message: HOSTILE, meaning: HOSTILE, search: expect.stringContaining(HOSTILE.toLowerCase()) },
        markdown: { message: HOSTILE_CELL, meaning: HOSTILE_CELL },
      },
    ],
  ];

  it.each(cases)('%s', (_, { given, html, markdown }) => {
    const section = { intro: [], codes: [given], anchorHint: [] };
    expect(htmlRegistry(section).codes[0]).toMatchObject(html);
    expect(mdRegistry(section, scope).codes[0]).toMatchObject(markdown);
  });
});

describe('example views', () => {
  const cases: [string, { given: Example; html: object; markdown: object }][] = [
    [
      'a named example with a hostile summary',
      {
        given: { name: 'rate|limited', summary: HOSTILE, json: '{}' },
        html: { hasName: true, name: 'rate|limited', hasSummary: true, summary: HOSTILE, json: '{}' },
        markdown: { hasName: true, name: '`rate|limited`', hasSummary: true, summary: expect.stringMatching(/^Too \\<script\\>/), fence: '```json\n{}\n```' },
      },
    ],
    [
      'an example of a schema file, without name or summary',
      { given: { name: '', summary: '', json: '1' }, html: { hasName: false, hasSummary: false }, markdown: { hasName: false, hasSummary: false } },
    ],
    ['JSON holding a fence', { given: { name: '', summary: '', json: '"```"' }, html: { json: '"```"' }, markdown: { fence: '````json\n"```"\n````' } }],
  ];

  it.each(cases)('%s', (_, { given, html, markdown }) => {
    expect(htmlExamples([given])[0]).toMatchObject(html);
    expect(mdExamples([given])[0]).toMatchObject(markdown);
  });
});

describe('operation views', () => {
  const operation = (overrides: Partial<Operation>): HttpsSection => ({
    title: '',
    description: [],
    servers: [],
    security: [],
    operations: [
      {
        id: 'op-submit',
        operationId: 'submit',
        method: 'POST',
        path: '/x/{id}',
        summary: [],
        description: [],
        security: [],
        parameters: [],
        requestBody: null,
        codes: [],
        responses: [],
        ...overrides,
      },
    ],
  });
  const cases: [string, { given: HttpsSection; html: object; markdown: object }][] = [
    [
      'no authentication, no parameters, no body',
      {
        given: operation({}),
        html: { hasSecurity: false, hasParameters: false, hasRequestBody: false, requestBody: null },
        markdown: { hasSecurity: false, hasParameters: false, hasRequestBody: false, path: '`/x/{id}`' },
      },
    ],
    [
      'two security schemes, separated',
      {
        given: operation({ security: [[code('a')], [code('b')]] }),
        html: { hasSecurity: true, security: [{ more: true }, { more: false }] },
        markdown: {
          security: [
            { scheme: '`a`', more: true },
            { scheme: '`b`', more: false },
          ],
        },
      },
    ],
    [
      'a parameter without an example, with a hostile description',
      {
        given: operation({
          parameters: [{ name: 'id', in: 'path', required: true, type: [text('string')], description: [text(HOSTILE)], example: null }],
        }),
        html: { hasParameters: true, parameters: [{ hasExample: false, example: '', description: [{ text: HOSTILE, code: false, link: false }] }] },
        markdown: { hasParameters: true, parameters: [{ example: '', description: HOSTILE_CELL }] },
      },
    ],
    [
      'a body without a description',
      {
        given: operation({ requestBody: { mediaType: 'application/json', required: true, schema: [text('object')], description: [], examples: [] } }),
        html: { hasRequestBody: true, requestBody: { hasDescription: false } },
        markdown: { hasRequestBody: true, requestBody: { hasDescription: false, mediaType: '`application/json`' } },
      },
    ],
    [
      'a response whose description would start a heading, with codes',
      {
        given: operation({
          responses: [
            {
              status: 429,
              description: [text('# loud')],
              codes: [{ code: 4029, message: 'a|b', href: '#code-4029' }],
              mediaType: 'application/json',
              schema: [],
              headers: [],
              examples: [],
            },
          ],
        }),
        html: { responses: [{ hasDescription: true, hasCodes: true, hasHeaders: false, hasExamples: false }] },
        markdown: { responses: [{ description: '\\# loud', codes: [{ code: '`4029`', message: 'a\\|b', href: 'reference.md#code-4029', more: false }] }] },
      },
    ],
  ];

  it.each(cases)('%s', (_, { given, html, markdown }) => {
    expect(htmlHttps(given).operations[0]).toMatchObject(html);
    expect(mdHttps(given, scope).operations[0]).toMatchObject(markdown);
  });
});

describe('inline parts in HTML', () => {
  it.each([
    ['text', text(HOSTILE), { text: HOSTILE, code: false, link: false, href: '' }],
    ['code', code('a<b'), { text: 'a<b', code: true, link: false, href: '' }],
    ['a link shown as code', link('4029', '#code-4029', true), { text: '4029', code: true, link: true, href: '#code-4029' }],
  ])('%s', (_, given, want) => {
    expect(htmlInline([given])).toEqual([want]);
  });
});

describe('the generated files', () => {
  let model: ContractModel;
  beforeAll(async () => {
    model = await loadContract(fileURLToPath(new URL('../../../spec/', import.meta.url)));
  });

  /** The model with `value` as the message and meaning of one code and as the summary of every operation. */
  const withText = (value: string): ContractModel => ({
    ...model,
    registry: model.registry.map((e, i) => (i === 1 ? { ...e, message: value, meaning: value } : e)),
    operations: model.operations.map((op) => ({ ...op, summary: value })),
  });

  it('keep any spec text as text: the page runs only its own script, the Markdown tables keep their columns', async () => {
    const hostile = [HOSTILE, '</td></tr></table>', '<!-- -->', '| a | b |', '\\|', '`|`'];
    const strings = fc.oneof(fc.constantFrom(...hostile), fc.string({ unit: BINARY }));
    await fc.assert(
      fc.asyncProperty(strings, async (value) => {
        const [, page, codes] = (await docsGenerator.generate(withText(value))).map((file) => file.content);
        expect(page!.match(/<script/g)).toHaveLength(1);
        expect(page).toContain(`<td class="message">${Handlebars.escapeExpression(value)}</td>`);
        const rows = codes!.split('\n').filter((line) => line.startsWith('| <a id="code-'));
        expect(rows).toHaveLength(model.registry.length);
        for (const row of rows) expect(row.split(/(?<!\\)\|/).slice(1, -1), row).toHaveLength(10);
      }),
      // 30 runs: the hostile strings first, every time, then drawn ones (a few dozen find what a broken escape lets through).
      { examples: hostile.map((value) => [value] as [string]), numRuns: 30 },
    );
  });

  it('refuse a template #if on anything but a boolean of the view model', () => {
    const content = docsContent(model);
    const page = htmlPage(content, [], { style: '', script: '' });
    const reference = mdReference(content, []);
    const notFlag = 'yes' as unknown as boolean;
    expect(() => htmlTemplate('index.hbs')({ ...page, registry: { ...page.registry, codes: [{ ...page.registry.codes[0]!, retired: notFlag }] } })).toThrow(
      /takes a boolean/,
    );
    expect(() =>
      markdownTemplate('reference.hbs')({ ...reference, registry: { ...reference.registry, codes: [{ ...reference.registry.codes[0]!, retired: notFlag }] } }),
    ).toThrow(/takes a boolean/);
  });
});

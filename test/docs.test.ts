/// <reference lib="dom" />
// Callbacks of page.evaluate and $$eval run in the page: they need the DOM types.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadContract } from '@iotv1/generator-core';
import type { ContractModel, ResponseCode } from '@iotv1/generator-kit';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { CHROMIUM, CHROMIUM_ARGS } from './support/chromium.js';
import { REPO_ROOT, runGenerate, SPEC_DIR, tempRootWithSpec } from './support/workspace.js';

/**
 * The rendered docs (`packages/docs`) in a real browser: Debian's Chromium, driven by playwright-core. In CI the
 * browser must be there (`.ci/run` installs it): a missing one fails these tests instead of skipping them.
 */
const CI = process.env.CI !== undefined && process.env.CI !== '';
const RESULTS = join(REPO_ROOT, 'test/test-results');
const DOCS = join(REPO_ROOT, 'packages/docs');
/** How the page words each device action. */
const ACTION_SHOWN: Readonly<Record<string, string>> = {
  success: 'success',
  retry_later: 'retry later',
  fix_request: 'fix the request',
  reauthenticate: 're-authenticate',
  give_up: 'give up',
};
/** What the docs generator writes, in the repository and in a temporary root. */
const GEN = 'packages/docs/src/gen';
const BASE_SPEC = join(REPO_ROOT, 'test/fixtures/specs/base');

/** Whitespace as a browser shows it: any run is one space. */
const shown = (value: string): string => value.replace(/\s+/g, ' ').trim();

interface OpenPage {
  readonly page: Page;
  /** Every URL the page requested. */
  readonly requests: string[];
  /** Console errors and uncaught exceptions. */
  readonly errors: string[];
}

async function open(
  browser: Browser,
  file: string,
  options: { javaScriptEnabled?: boolean; colorScheme?: 'light' | 'dark'; width?: number } = {},
): Promise<OpenPage> {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1280, height: 900 },
    colorScheme: options.colorScheme ?? 'light',
    javaScriptEnabled: options.javaScriptEnabled ?? true,
  });
  const page = await context.newPage();
  const requests: string[] = [];
  const errors: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(pathToFileURL(file).href);
  return { page, requests, errors };
}

/** The cells of every registry row, as the reader sees them. */
function registryRows(page: Page): Promise<{ id: string; hidden: boolean; cells: string[] }[]> {
  return page.$$eval('#codes tbody tr', (rows) =>
    rows.map((row) => ({
      id: row.id,
      hidden: (row as HTMLElement).offsetParent === null,
      cells: Array.from(row.children, (cell) => cell.textContent ?? ''),
    })),
  );
}

/** What the Meaning column says for an entry: the meaning, and the reason for a retired code. */
const meaningText = (entry: ResponseCode): string => shown(entry.retired === null ? entry.meaning : `${entry.meaning} Retired: ${entry.retired.reason}`);

/** Every link of the page resolves: fragments to an element of the page, relative paths to a file beside it. */
async function expectLinksResolve(page: Page, file: string): Promise<number> {
  const links = await page.$$eval('a[href]', (anchors) => anchors.map((a) => a.getAttribute('href') ?? ''));
  const ids = new Set(await page.$$eval('[id]', (elements) => elements.map((e) => e.id)));
  for (const href of links) {
    expect(href, 'no link leaves the docs').not.toMatch(/^[a-z][a-z0-9+.-]*:/i);
    const [path = '', fragment] = href.split('#');
    if (path !== '') expect(existsSync(join(dirname(file), decodeURIComponent(path))), href).toBe(true);
    else expect(ids.has(decodeURIComponent(fragment ?? '')), href).toBe(true);
  }
  return links.length;
}

/** Markdown outside fenced blocks, one entry per line, with code spans taken out (they show their content as it is). */
function markdownLines(markdown: string): string[] {
  const lines: string[] = [];
  let fence: string | null = null;
  for (const line of markdown.split('\n')) {
    const marker = /^(`{3,})/.exec(line)?.[1];
    if (fence === null && marker !== undefined) fence = marker;
    else if (fence !== null && marker !== undefined && marker.length >= fence.length && line.trim() === marker) fence = null;
    // A backslash-escaped backtick opens no code span.
    else if (fence === null) lines.push(line.replace(/(?<![\\`])(`+)(?!`)(.*?[^`])\1(?!`)/g, '``'));
  }
  return lines;
}

/** Every GFM table of a Markdown file: rows of cells, split where cmark-gfm splits (a `|` with no `\` before it). */
function markdownTables(markdown: string): string[][][] {
  const tables: string[][][] = [];
  let current: string[][] | null = null;
  for (const line of markdownLines(markdown)) {
    if (!line.startsWith('|')) {
      current = null;
      continue;
    }
    if (current === null) {
      current = [];
      tables.push(current);
    }
    current.push(line.split(/(?<!\\)\|/).slice(1, -1));
  }
  return tables;
}

function expectWellFormedTables(markdown: string): number {
  const tables = markdownTables(markdown);
  for (const [header = [], delimiter = [], ...rows] of tables) {
    expect(
      delimiter.map((cell) => cell.trim()).every((cell) => /^:?-{3,}:?$/.test(cell)),
      delimiter.join('|'),
    ).toBe(true);
    expect(delimiter).toHaveLength(header.length);
    for (const row of rows) expect(row, row.join('|')).toHaveLength(header.length);
  }
  return tables.length;
}

/** No raw HTML in the Markdown but the banner comment and the generator's own `<a id>` anchors. */
function expectNoRawHtml(markdown: string): void {
  const body = markdown.slice(markdown.indexOf('-->') + 3);
  for (const line of markdownLines(body)) expect(line.replace(/<a id="[\w.-]+"><\/a>/g, ''), line).not.toMatch(/(?<!\\)</);
}

/** Every Markdown link of the docs resolves: to a file beside it, and to an `<a id>` of that file. */
function expectMarkdownLinksResolve(file: string): number {
  const markdown = readFileSync(file, 'utf8');
  const targets = markdownLines(markdown).flatMap((line) => [...line.matchAll(/(?<!\\)\]\(([^)\s]+)\)/g)].map((match) => match[1]!));
  for (const target of targets) {
    expect(target, 'no link leaves the docs').not.toMatch(/^[a-z][a-z0-9+.-]*:/i);
    const [path = '', fragment] = target.split('#');
    const linked = path === '' ? file : join(dirname(file), path);
    expect(existsSync(linked), `${relative(REPO_ROOT, file)}: ${target}`).toBe(true);
    if (fragment !== undefined) expect(readFileSync(linked, 'utf8'), `${relative(REPO_ROOT, file)}: ${target}`).toContain(`<a id="${fragment}"></a>`);
  }
  return targets.length;
}

describe('the docs package', () => {
  it('has the browser its tests need when CI runs them', () => {
    if (CI) expect(existsSync(CHROMIUM), `${CHROMIUM} is missing: apt-get install chromium`).toBe(true);
  });

  it('has Markdown whose links resolve and whose tables hold their columns', () => {
    for (const file of ['markdown/response-codes.md', 'markdown/reference.md']) {
      const markdown = readFileSync(join(REPO_ROOT, GEN, file), 'utf8');
      expect(expectWellFormedTables(markdown), file).toBeGreaterThan(0);
      expectNoRawHtml(markdown);
      expect(expectMarkdownLinksResolve(join(REPO_ROOT, GEN, file))).toBeGreaterThan(0);
    }
    expect(expectMarkdownLinksResolve(join(DOCS, 'README.md'))).toBeGreaterThan(0);
  });
});

describe.skipIf(!existsSync(CHROMIUM) && !CI)('the docs page in Chromium', () => {
  const SITE = join(REPO_ROOT, GEN, 'site/index.html');
  let browser: Browser;
  let model: ContractModel;
  let docs: OpenPage;

  beforeAll(async () => {
    mkdirSync(RESULTS, { recursive: true });
    model = await loadContract(SPEC_DIR);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS] });
    docs = await open(browser, SITE);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows every registry code once, with the text of the spec', async () => {
    const rows = await registryRows(docs.page);
    expect(rows.map((row) => row.id)).toEqual(model.registry.map((entry) => `code-${entry.code}`));
    for (const entry of model.registry) {
      const [code, message, meaning, category, errorType, httpStatus, retryable, action, since] = rows
        .find((row) => row.id === `code-${entry.code}`)!
        .cells.map(shown);
      expect({ code, message, meaning, category, errorType, httpStatus, retryable, action, since }).toEqual({
        code: String(entry.code),
        message: shown(entry.message),
        meaning: meaningText(entry),
        category: entry.category,
        errorType: entry.errorType ?? 'n/a',
        httpStatus: String(entry.httpStatus),
        retryable: entry.retryable ? 'yes' : 'no',
        action: ACTION_SHOWN[entry.action],
        since: entry.since,
      });
    }
    const codeCells = await docs.page.$$eval('#codes tbody th', (cells) => cells.map((cell) => cell.textContent?.trim()));
    for (const entry of model.registry) expect(codeCells.filter((cell) => cell === String(entry.code))).toHaveLength(1);
  });

  it('names the operations and messages that can produce each code', async () => {
    for (const entry of model.registry) {
      const links = await docs.page.$$eval(`#code-${entry.code} td:last-child a`, (anchors) => anchors.map((a) => a.getAttribute('href')));
      const operations = model.operations.filter((op) => op.responseCodes.includes(entry.code)).map((op) => `#op-${op.operationId}`);
      expect(links.filter((href) => href?.startsWith('#op-'))).toEqual(operations);
    }
  });

  it('scrolls a #code-NNNN link to its row', async () => {
    for (const entry of model.registry) {
      const id = `code-${entry.code}`;
      await docs.page.goto(`${pathToFileURL(SITE).href}#${id}`);
      const where = await docs.page.evaluate((target) => {
        const row = document.getElementById(target)!;
        const box = row.getBoundingClientRect();
        return { target: document.querySelector(':target')?.id, top: box.top, bottom: box.bottom, height: window.innerHeight };
      }, id);
      expect(where.target).toBe(id);
      expect(where.top, id).toBeGreaterThanOrEqual(0);
      expect(where.bottom, id).toBeLessThanOrEqual(where.height);
    }
  });

  it('narrows the table with the filter, by code and by error type', async () => {
    const { page } = docs;
    const visible = async (): Promise<string[]> => (await registryRows(page)).filter((row) => !row.hidden).map((row) => row.id);
    const retryable = model.registry.find((entry) => entry.retryable && entry.errorType !== null)!;
    await expect(page.getByLabel('Filter codes').isVisible()).resolves.toBe(true);

    await page.getByLabel('Filter codes').fill(retryable.errorType!);
    expect(await visible()).toEqual([`code-${retryable.code}`]);
    await page.getByLabel('Filter codes').fill(String(retryable.code));
    expect(await visible()).toEqual([`code-${retryable.code}`]);
    await page.getByLabel('Filter codes').fill('server error');
    expect(await visible()).toEqual(model.registry.filter((entry) => entry.category === 'Server Error').map((entry) => `code-${entry.code}`));
    expect(await page.textContent('#code-filter-status')).toMatch(/^\d+ of \d+ codes match$/);
    await page.getByLabel('Filter codes').fill('no such code anywhere');
    expect(await visible()).toEqual([]);
    await page.getByLabel('Filter codes').fill('');
    expect(await visible()).toHaveLength(model.registry.length);
  });

  it('works without JavaScript: every code shown, no dead filter box', async () => {
    const noScript = await open(browser, SITE, { javaScriptEnabled: false });
    expect((await registryRows(noScript.page)).filter((row) => !row.hidden)).toHaveLength(model.registry.length);
    expect(await noScript.page.isVisible('#code-filter')).toBe(false);
    await noScript.page.context().close();
  });

  it('resolves every internal link of the page', async () => {
    expect(await expectLinksResolve(docs.page, SITE)).toBeGreaterThan(model.registry.length);
  });

  it('loads nothing but itself and logs no error; writes screenshots', async () => {
    await docs.page.goto(pathToFileURL(SITE).href);
    await docs.page.screenshot({ path: join(RESULTS, 'docs.png') });
    const phone = await open(browser, SITE, { colorScheme: 'dark', width: 390 });
    await phone.page.screenshot({ path: join(RESULTS, 'docs-phone-dark.png') });
    for (const { requests, errors } of [docs, phone]) {
      expect(requests.filter((url) => url !== pathToFileURL(SITE).href && !url.startsWith(`${pathToFileURL(SITE).href}#`) && !url.startsWith('data:'))).toEqual(
        [],
      );
      expect(errors).toEqual([]);
    }
    expect(await docs.page.$$eval('[src], link[href]:not([rel="icon"][href^="data:"])', (elements) => elements.length)).toBe(0);
    await phone.page.context().close();
  });

  describe('with a hostile spec', () => {
    const HOSTILE = {
      message: `Too <script>window.pwned = 1</script> "Many" 'Requests' \` {{constructor}} | pipe`,
      meaning: `</td></tr></table><img src=x onerror="window.pwned = 2"> */ /* --> Überlast — 温度 ✓ | \\ *bold* _it_ [a](https://example.com) &amp;\nsecond line`,
      retired: `Retired <b>because</b> | {{{x}}} \`quoted\` */`,
      summary: `Submit <b>feed</b> data {{{body}}} */ "quoted" ' \` 'n' ünïcödé`,
      description: `Stores </p><h1>readings</h1> once | per \`message_id\`. {{x}}`,
      example: `</code></pre><script>window.pwned = 3</script>{{y}}`,
      title: `Hostile <i>title</i> & "API"`,
      ack: `Feed-data ack </h3><script>window.pwned = 4</script>`,
      status: `Stored <u>now</u> | \`created\` */`,
    };
    let root: string;
    let hostile: OpenPage;
    let hostileModel: ContractModel;

    const editJson = (path: string, edit: (data: Record<string, unknown>) => void): void => {
      const file = join(root, 'spec', path);
      const data = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
      edit(data);
      writeFileSync(file, JSON.stringify(data, null, 2));
    };
    const editYaml = (path: string, edit: (data: Record<string, unknown>) => void): void => {
      const file = join(root, 'spec', path);
      const data = parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
      edit(data);
      writeFileSync(file, stringify(data));
    };
    /** The object at `path` inside parsed YAML. */
    const at = (value: unknown, ...path: string[]): Record<string, unknown> =>
      path.reduce<Record<string, unknown>>((node, key) => node[key] as Record<string, unknown>, value as Record<string, unknown>);

    beforeAll(async () => {
      root = tempRootWithSpec(BASE_SPEC);
      editJson('schemas/response-code.schema.json', (registry) => {
        const entries = registry.oneOf as Record<string, unknown>[];
        const rateLimited = entries.find((entry) => entry.const === 4029)!;
        rateLimited.title = HOSTILE.message;
        rateLimited.description = HOSTILE.meaning;
        entries.push({
          $anchor: 'code-4077',
          const: 4077,
          title: 'Legacy <Quirk>',
          description: 'A retired code with a hostile reason',
          deprecated: true,
          'x-retired-reason': HOSTILE.retired,
          'x-category': 'Client Error',
          'x-error-type': 'legacy_quirk',
          'x-http-status': 400,
          'x-retryable': false,
          'x-since': '1.0.0',
        });
      });
      editJson('schemas/feed-data-status.schema.json', (schema) => {
        (schema.oneOf as Record<string, unknown>[])[0]!.description = HOSTILE.status;
      });
      editYaml('openapi.yaml', (spec) => {
        at(spec, 'info').title = HOSTILE.title;
        at(spec, 'info').description = HOSTILE.description;
        const operation = at(spec, 'paths', '/iot/v1/devices/{deviceId}/feed-data', 'post');
        operation.summary = HOSTILE.summary;
        operation.description = HOSTILE.description;
        at(spec, 'components', 'parameters', 'DeviceId').description = HOSTILE.meaning;
        at(spec, 'components', 'responses', 'RateLimited').description = HOSTILE.meaning;
        at(spec, 'components', 'responses', 'RateLimited', 'content', 'application/json', 'example', 'error').message = HOSTILE.example;
      });
      editYaml('asyncapi.yaml', (spec) => {
        at(spec, 'info').description = HOSTILE.description;
        at(spec, 'components', 'messages', 'feedDataAck').title = HOSTILE.ack;
        at(spec, 'components', 'messages', 'feedDataAck').summary = HOSTILE.summary;
        at(spec, 'channels', 'feedDataAck').description = HOSTILE.meaning;
      });
      const run = runGenerate(root);
      expect(run.status, run.stdout + run.stderr).toBe(0);
      hostileModel = await loadContract(join(root, 'spec'));
      hostile = await open(browser, join(root, GEN, 'site/index.html'));
    });
    afterAll(async () => {
      await hostile?.page.context().close();
      rmSync(root, { recursive: true, force: true });
    });

    it('shows every hostile string as text and runs nothing from it', async () => {
      const { page } = hostile;
      expect(await page.evaluate(() => 'pwned' in window)).toBe(false);
      expect(await page.$$eval('script', (scripts) => scripts.length)).toBe(1);
      expect(await page.$$eval('img, b, i, u, h1', (elements) => elements.map((e) => e.tagName))).toEqual(['H1']);
      const handlers = await page.$$eval('*', (elements) => elements.flatMap((e) => e.getAttributeNames().filter((name) => name.startsWith('on'))));
      expect(handlers).toEqual([]);

      const rows = await registryRows(page);
      expect(rows.map((row) => row.id)).toEqual(hostileModel.registry.map((entry) => `code-${entry.code}`));
      for (const entry of hostileModel.registry) {
        const cells = rows.find((row) => row.id === `code-${entry.code}`)!.cells.map(shown);
        expect(cells.slice(1, 3), String(entry.code)).toEqual([shown(entry.message), meaningText(entry)]);
      }
      expect(shown(await page.title())).toContain(shown(HOSTILE.title));
      expect(shown((await page.textContent('h1')) ?? '')).toContain(shown(HOSTILE.title));
      expect(shown((await page.textContent('#op-submitFeedData .summary')) ?? '')).toBe(shown(HOSTILE.summary));
      expect(await page.textContent('#op-submitFeedData p:not(.summary) code')).toBe('message_id');
      expect(shown((await page.textContent('#msg-feedDataAck-feedDataAck h3')) ?? '')).toContain(shown(HOSTILE.ack));
      const bodies = await page.$$eval('#op-submitFeedData pre code', (blocks) => blocks.map((block) => block.textContent ?? ''));
      expect(bodies.some((body) => body.includes(JSON.stringify(HOSTILE.example)))).toBe(true);
      expect(hostile.errors).toEqual([]);
      await page.screenshot({ path: join(RESULTS, 'docs-hostile.png') });
    });

    it('keeps the Markdown tables whole and the Markdown free of raw HTML', () => {
      for (const file of ['markdown/response-codes.md', 'markdown/reference.md']) {
        const markdown = readFileSync(join(root, GEN, file), 'utf8');
        expect(expectWellFormedTables(markdown), file).toBeGreaterThan(0);
        expectNoRawHtml(markdown);
        expectMarkdownLinksResolve(join(root, GEN, file));
      }
      const codes = readFileSync(join(root, GEN, 'markdown/response-codes.md'), 'utf8');
      const [header = [], , ...rows] = markdownTables(codes)[0]!;
      expect(rows).toHaveLength(hostileModel.registry.length);
      for (const row of rows) expect(row).toHaveLength(header.length);
    });

    it('resolves every internal link of the page', async () => {
      expect(await expectLinksResolve(hostile.page, join(root, GEN, 'site/index.html'))).toBeGreaterThan(0);
    });
  });
});

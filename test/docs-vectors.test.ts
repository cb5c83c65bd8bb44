/// <reference lib="dom" />
// The callback of page.$eval runs in the page: it needs the DOM types.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type HttpsVector, vectors } from '@iotv1/conformance';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, CHROMIUM_ARGS } from './support/chromium.js';
import { REPO_ROOT } from './support/workspace.js';

/**
 * The rendered docs as a target of the conformance vectors: every row of the registry table, as a reader sees it
 * on the Markdown pages and on the HTML page (parsed by Chromium), says what the per-code HTTPS vector of its code
 * says; every per-code vector has a row, and every row a vector.
 */
const GEN = join(REPO_ROOT, 'packages/docs/src/gen');
const CI = process.env.CI !== undefined && process.env.CI !== '';

/** The registry table as text: its column headers, and its rows of cells. */
interface RegistryTable {
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

/** The device action each wording of the docs stands for. */
const ACTION_OF_WORDS: Readonly<Record<string, string>> = {
  success: 'success',
  'retry later': 'retry_later',
  'fix the request': 'fix_request',
  're-authenticate': 'reauthenticate',
  'give up': 'give_up',
};
const YES_NO: Readonly<Record<string, boolean>> = { yes: true, no: false };
/** The columns compared, by their header, and how a cell's text reads as the vector's value (unread text as it is). */
const COLUMNS = {
  status: { header: 'HTTP', read: (text: string): unknown => (/^\d+$/.test(text) ? Number(text) : text) },
  category: { header: 'Category', read: (text: string): unknown => text },
  errorType: { header: 'error.type', read: (text: string): unknown => (text === 'n/a' ? null : text) },
  retryable: { header: 'Retryable', read: (text: string): unknown => YES_NO[text] ?? text },
  action: { header: 'Device action', read: (text: string): unknown => ACTION_OF_WORDS[text] ?? text },
} as const;
type Field = keyof typeof COLUMNS;

const wanted = (vector: HttpsVector): Readonly<Record<Field, unknown>> => ({
  status: vector.answer.status,
  category: vector.expect.category,
  errorType: vector.expect.errorType,
  retryable: vector.expect.retryable,
  action: vector.expect.action,
});

/** The disagreements of a registry table with the per-code HTTPS vectors, one line each, naming target and vector. */
function tableDisagreements(target: string, table: RegistryTable, https: readonly HttpsVector[]): string[] {
  const codeAt = table.header.indexOf('Code');
  const columns = (Object.keys(COLUMNS) as Field[]).map((field) => ({ field, ...COLUMNS[field], at: table.header.indexOf(COLUMNS[field].header) }));
  const missing = [{ header: 'Code', at: codeAt }, ...columns].filter((column) => column.at === -1);
  if (missing.length > 0) return missing.map((column) => `[${target}] the registry table has no "${column.header}" column`);

  const found: string[] = [];
  const rows = new Map<string, readonly string[]>();
  for (const row of table.rows) {
    const code = row[codeAt] ?? '';
    if (rows.has(code)) found.push(`[${target}] code ${code}: more than one row`);
    rows.set(code, row);
  }
  const perCode = https.filter((vector) => vector.code !== null);
  for (const vector of perCode) {
    const row = rows.get(String(vector.code));
    if (row === undefined) {
      found.push(`[${target}] ${vector.id}: no row in the registry table`);
      continue;
    }
    const want = wanted(vector);
    for (const { field, read, at } of columns) {
      const got = read(row[at] ?? '');
      const expected = want[field];
      if (!Object.is(got, expected)) found.push(`[${target}] ${vector.id}: ${field} is ${JSON.stringify(got)}, the vector says ${JSON.stringify(expected)}`);
    }
  }
  for (const code of rows.keys()) if (!perCode.some((vector) => String(vector.code) === code)) found.push(`[${target}] code ${code}: a row without a vector`);
  return found;
}

/** Whitespace as a reader sees it: any run is one space. */
const shown = (text: string): string => text.replace(/\s+/g, ' ').trim();

/**
 * A Markdown cell's text, enough for the compared columns (plain words and one code span): GFM's `\|`, the
 * generator's `<a id>` anchors and a code span's backticks removed, backslash escapes undone outside code.
 */
function markdownCellText(cell: string): string {
  const text = cell.replace(/\\\|/g, '|').replace(/<[^>]*>/g, '');
  const code = /^\s*(`+) ?(.*?) ?\1\s*$/.exec(text);
  return shown(code === null ? text.replace(/\\([!-/:-@[-`{-~])/g, '$1') : code[2]!);
}

/** GFM splits a row into cells at each `|` without a `\` before it. */
const markdownCells = (line: string): string[] =>
  line
    .split(/(?<!\\)\|/)
    .slice(1, -1)
    .map(markdownCellText);

/** The table of a Markdown page whose header has a "Device action" column. */
function markdownRegistryTable(markdown: string): RegistryTable {
  const tables: string[][][] = [];
  let previous = '';
  for (const line of markdown.split('\n')) {
    if (line.startsWith('|')) {
      if (!previous.startsWith('|')) tables.push([]);
      tables.at(-1)!.push(markdownCells(line));
    }
    previous = line;
  }
  const [header = [], , ...rows] = tables.find(([head]) => head?.includes(COLUMNS.action.header)) ?? [];
  return { header, rows };
}

const markdownTable = (page: string): RegistryTable => markdownRegistryTable(readFileSync(join(GEN, 'markdown', page), 'utf8'));

/** One vector with a wrong expectation: the target must name it. */
const withWrongAction = (id: string): HttpsVector[] => vectors.https.map((v) => (v.id === id ? { ...v, expect: { ...v.expect, action: 'give_up' } } : v));
/** Without the vector of 4029, and with one for a code no page has. */
const withOtherCodes = (): HttpsVector[] => {
  const model = vectors.https.find((v) => v.id === 'https/code/4029')!;
  return [...vectors.https.filter((v) => v !== model), { ...model, id: 'https/code/4998', code: 4998 }];
};

describe('the conformance vectors through the Markdown docs', () => {
  it.each([
    ['docs-markdown', 'response-codes.md'],
    ['docs-markdown-reference', 'reference.md'],
  ])('%s (%s) agrees with every per-code vector', (target, page) => {
    expect(tableDisagreements(target, markdownTable(page), vectors.https)).toEqual([]);
  });

  it('names a wrong vector, a vector without a row and a row without a vector', () => {
    const table = markdownTable('response-codes.md');
    expect(tableDisagreements('docs-markdown', table, withWrongAction('https/code/4029'))).toEqual([
      '[docs-markdown] https/code/4029: action is "retry_later", the vector says "give_up"',
    ]);
    expect(tableDisagreements('docs-markdown', table, withOtherCodes())).toEqual([
      '[docs-markdown] https/code/4998: no row in the registry table',
      '[docs-markdown] code 4029: a row without a vector',
    ]);
  });
});

describe.skipIf(!existsSync(CHROMIUM) && !CI)('the conformance vectors through the HTML docs, in Chromium', () => {
  let browser: Browser;
  let table: RegistryTable;

  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS] });
    // The generated table as served, before any script (the code filter) runs.
    const page = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
    await page.goto(pathToFileURL(join(GEN, 'site/index.html')).href);
    const cells = await page.$eval('#codes', (codes) => ({
      header: Array.from(codes.querySelectorAll('thead th'), (cell) => cell.textContent ?? ''),
      rows: Array.from(codes.querySelectorAll('tbody tr'), (row) => Array.from(row.children, (cell) => cell.textContent ?? '')),
    }));
    table = { header: cells.header.map(shown), rows: cells.rows.map((row) => row.map(shown)) };
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('agrees with every per-code vector', () => {
    expect(tableDisagreements('docs-html', table, vectors.https)).toEqual([]);
  });

  it('names a wrong vector', () => {
    expect(tableDisagreements('docs-html', table, withWrongAction('https/code/4029'))).toEqual([
      '[docs-html] https/code/4029: action is "retry_later", the vector says "give_up"',
    ]);
  });
});

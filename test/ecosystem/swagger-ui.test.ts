import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, CHROMIUM_ARGS } from '../support/chromium.js';
import { BUNDLED_OPENAPI } from './support/document-sets.js';
import { repoPath } from './support/workspace.js';

/**
 * The bundled OpenAPI document in Swagger UI (swagger-ui-dist, as @iotv1/spec's README shows it), in Debian's
 * Chromium driven by playwright-core. In CI the browser must be there (`.ci/run` installs it): a missing one fails.
 */
const CI = process.env.CI !== undefined && process.env.CI !== '';
const SWAGGER_UI = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));

/** The page of the README, with Swagger UI's files served from the same origin and no validator badge (it calls out). */
const PAGE = `<!doctype html>
<html><head><meta charset="utf-8"><link rel="icon" href="data:,"><link rel="stylesheet" href="/swagger-ui.css"></head>
<body><div id="swagger-ui"></div><script src="/swagger-ui-bundle.js"></script>
<script>window.ui = SwaggerUIBundle({ url: './openapi.json', dom_id: '#swagger-ui', validatorUrl: null });</script>
</body></html>`;

const FILES: Readonly<Record<string, { readonly path: string; readonly type: string }>> = {
  '/swagger-ui.css': { path: join(SWAGGER_UI, 'swagger-ui.css'), type: 'text/css' },
  '/swagger-ui-bundle.js': { path: join(SWAGGER_UI, 'swagger-ui-bundle.js'), type: 'text/javascript' },
  '/openapi.json': { path: repoPath(BUNDLED_OPENAPI), type: 'application/json' },
};

function serve(): Promise<Server> {
  const server = createServer((request, response) => {
    const file = FILES[request.url ?? ''];
    if (request.url === '/') response.writeHead(200, { 'content-type': 'text/html' }).end(PAGE);
    else if (file !== undefined) response.writeHead(200, { 'content-type': file.type }).end(readFileSync(file.path));
    else response.writeHead(404).end();
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

interface Operation {
  readonly path: string;
  readonly method: string;
}

/** The operations of the document, as the test expects Swagger UI to list them. */
function documentOperations(): Operation[] {
  const document = JSON.parse(readFileSync(repoPath(BUNDLED_OPENAPI), 'utf8')) as { paths: Record<string, Record<string, unknown>> };
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.keys(item)
      .filter((key) => ['get', 'put', 'post', 'delete', 'patch'].includes(key))
      .map((method) => ({ path, method })),
  );
}

describe.skipIf(!existsSync(CHROMIUM) && !CI)('Swagger UI renders the bundled OpenAPI document', () => {
  let server: Server;
  let browser: Browser;
  let page: Page;
  const requests: string[] = [];
  const errors: string[] = [];

  beforeAll(async () => {
    if (CI) expect(existsSync(CHROMIUM), `${CHROMIUM} is missing: apt-get install chromium`).toBe(true);
    server = await serve();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS] });
    page = await browser.newPage();
    page.on('request', (request) => requests.push(request.url()));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    await page.waitForSelector('.opblock', { timeout: 30_000 });
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  it('lists every operation, with no resolver or parser error and no request leaving the machine', async () => {
    const shown = await page.$$eval('.opblock', (blocks) =>
      blocks.map((block) => ({
        method: block.querySelector('.opblock-summary-method')?.textContent?.toLowerCase() ?? '',
        path: block.querySelector('.opblock-summary-path')?.getAttribute('data-path') ?? '',
      })),
    );
    expect(shown.sort((a, b) => a.path.localeCompare(b.path))).toEqual(documentOperations().sort((a, b) => a.path.localeCompare(b.path)));
    expect(await page.$$('.errors-wrapper'), 'Swagger UI reports errors').toHaveLength(0);
    expect(errors).toEqual([]);
    expect(requests.filter((url) => !url.startsWith('http://127.0.0.1:'))).toEqual([]);
  });

  it('shows the config GET with its error responses, the 403 with its own code (4003) only', async () => {
    await page.click('.opblock-summary-path[data-path="/iot/v1/devices/{deviceId}/config"]');
    await page.waitForSelector('.responses-table .response', { timeout: 10_000 });
    const statuses = await page.$$eval('.responses-table .response .response-col_status', (cells) => cells.map((cell) => cell.textContent?.trim() ?? ''));
    expect(statuses).toEqual(expect.arrayContaining(['200', '400', '403', '503']));
    const forbidden = await page.$eval('.responses-table .response[data-code="403"]', (row) => row.textContent ?? '');
    expect(forbidden).toContain('4003');
    expect(forbidden).not.toContain('5003');
  });
});

import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { copyRepository, REPO_ROOT, type RepositoryCopy } from './repository-copy.js';

/**
 * The README's "How to add a response code", followed as a user follows it, on a copy of the repository: the text
 * edits of steps 1 to 3 (and no others), then the commands of step 4, then the suites a new code reaches. When the
 * README leaves out a step the suites need, this test fails.
 */

/** The README section this test follows; it must name every file the test edits. */
const SECTION = /## How to add a response code\n([\s\S]*?)\n## /.exec(readFileSync(join(REPO_ROOT, 'README.md'), 'utf8'))?.[1] ?? '';

const REGISTRY = 'spec/schemas/response-code.schema.json';
const OPENAPI = 'spec/openapi.yaml';
const ASYNCAPI = 'spec/asyncapi.yaml';

/**
 * Bounds on each command: several times their time on a 2-core CI machine that runs the other suites beside this one,
 * with a cold build of the generators.
 */
const GENERATE_BOUND_MS = 120_000;
const CHECK_BOUND_MS = 60_000;
const SUITES_BOUND_MS = 300_000;
const CROSS_PACKAGE_BOUND_MS = 120_000;

let copy: RepositoryCopy;

beforeAll(() => {
  copy = copyRepository();
});
afterAll(() => copy?.remove());

/** Rewrites one file of the copy as a text editor would. */
function edit(path: string, change: (text: string) => string): void {
  const file = join(copy.root, path);
  writeFileSync(file, change(readFileSync(file, 'utf8')));
}

/** `text` with the one match of `pattern` replaced; fails when the file is no longer laid out as this test expects. */
function replaceOnce(path: string, text: string, pattern: RegExp, replace: (...groups: string[]) => string): string {
  const matches = text.match(new RegExp(pattern.source, `${pattern.flags.replace('g', '')}g`)) ?? [];
  expect(matches.length, `${path}: ${pattern} should match once`).toBe(1);
  // The arguments of a replacer are the match, its groups, the offset and the whole text.
  return text.replace(pattern, (...args: string[]) => replace(...args.slice(1, -2)));
}

const nextMinor = (version: string): string => {
  const [major, minor] = version.split('.').map(Number);
  return `${major}.${minor! + 1}.0`;
};

/** The code the journey adds, as a user writes it into the registry (step 1). */
const requestTimeout = (since: string) => ({
  $anchor: 'code-4008',
  const: 4008,
  title: 'Request Timeout',
  description: 'The device took too long to send its whole request',
  'x-category': 'Client Error',
  'x-error-type': 'request_timeout',
  'x-http-status': 408,
  'x-retryable': false,
  'x-since': since,
});

/** Step 1: the entry goes last in the registry's `oneOf`. */
function addToRegistry(entry: ReturnType<typeof requestTimeout>): void {
  const text = JSON.stringify(entry, null, 2).replace(/^/gm, '    ');
  edit(REGISTRY, (registry) => replaceOnce(REGISTRY, registry, /\n {2}\]\n\}\n?$/, () => `,\n${text}\n  ]\n}\n`));
}

/** The C header's manifests for firmware build systems (PlatformIO, Arduino, ESP-IDF), each with the contract version. */
const FIRMWARE_MANIFESTS = ['packages/c-header/library.json', 'packages/c-header/library.properties', 'packages/c-header/idf_component.yml'];

/** Step 2: `info.version` of both specs, and `version` of every contract package (hand-written, unlike src/gen). */
function raiseVersion(from: string, to: string): void {
  const manifests = readdirSync(join(copy.root, 'packages'))
    .map((name) => `packages/${name}/package.json`)
    .filter((path) => existsSync(join(copy.root, path)));
  for (const file of [OPENAPI, ASYNCAPI, ...manifests, ...FIRMWARE_MANIFESTS]) {
    const version = file.endsWith('.json')
      ? /("version": ")([^"]+)/
      : file.endsWith('.properties')
        ? /^(version=)(.+)/m
        : file.endsWith('idf_component.yml')
          ? /^(version: ")([^"]+)/m
          : /^(info:\n(?: .*\n)*? {2}version: )(.+)/m;
    edit(file, (text) =>
      replaceOnce(file, text, version, (before, was) => {
        expect(was, `${file} is at the contract version`).toBe(from);
        return `${before}${to}`;
      }),
    );
  }
}

/** Step 3: feed data lists the code, with a 408 response that uses the error envelope and names the code. */
function listInOperation(code: number): void {
  const response = [
    '    RequestTimeout:',
    `      description: Code ${code}. The device took too long to send its whole request.`,
    '      content:',
    '        application/json:',
    '          schema:',
    '            allOf:',
    "              - $ref: './schemas/http-error-response.schema.json'",
    `              - properties: { code: { type: integer, const: ${code} } }`,
    `          example: { code: ${code}, error: { type: request_timeout, message: request not received in time, details: {} }, request_id: req_4b5c6d7e }`,
  ];
  edit(OPENAPI, (text) => {
    const listed = replaceOnce(OPENAPI, text, /(operationId: submitFeedData\n(?:.*\n)*? +x-response-codes: \[)([^\]]*)(\])/, (before, codes, after) => {
      const sorted = [...codes!.split(',').map(Number), code].sort((a, b) => a - b);
      return `${before}${sorted.join(', ')}${after}`;
    });
    const answered = replaceOnce(
      OPENAPI,
      listed,
      /(operationId: submitFeedData\n(?:.*\n)*?( +)'404': .*\n)/,
      (before, indent) => `${before}${indent}'408': { $ref: '#/components/responses/RequestTimeout' }\n`,
    );
    return replaceOnce(OPENAPI, answered, /^( {2}responses:\n)/m, (before) => `${before}${response.join('\n')}\n`);
  });
}

/** Runs a command in the copy and expects it to exit 0, showing what it printed when it does not. */
async function succeeds(command: string, args: readonly string[], boundMs: number): Promise<string> {
  const run = await copy.run(command, args, boundMs);
  const status = run.timedOut ? `killed after ${boundMs} ms` : `exit ${run.status}`;
  expect(run.status, `$ ${run.command} (${status})\n${run.output.slice(-12_000)}`).toBe(0);
  return run.output;
}

describe('adding a response code as the README says', () => {
  it('follows a README section that names every file it edits', () => {
    for (const file of [REGISTRY, OPENAPI, ASYNCAPI, 'packages/*/package.json', ...FIRMWARE_MANIFESTS]) {
      expect(SECTION, 'README.md, "How to add a response code"').toContain(file);
    }
  });

  it(
    'keeps generation, the compatibility check and every suite the code reaches green',
    async () => {
      const current = (parse(readFileSync(join(copy.root, OPENAPI), 'utf8')) as { info: { version: string } }).info.version;
      const entry = requestTimeout(nextMinor(current));
      addToRegistry(entry);
      raiseVersion(current, entry['x-since']);
      listInOperation(entry.const);

      // Step 4: adding a code is compatible.
      await succeeds('pnpm', ['generate'], GENERATE_BOUND_MS);
      expect(await succeeds('pnpm', ['check:compat'], CHECK_BOUND_MS)).toMatch(/registry\/code-added .*\(code 4008\)/);

      // The suites the new code reaches: every package generated from the spec and every app on them (type-checked
      // and tested, builds first), and the cross-package tests that read the repository's own spec and packages.
      const filters = ['--filter=./packages/*', '--filter=./apps/*'];
      await succeeds('pnpm', ['exec', 'turbo', 'run', 'typecheck', 'test', ...filters, '--output-logs=errors-only', '--continue'], SUITES_BOUND_MS);
      const crossPackage = ['layout.test.ts', 'seed-registry.test.ts', 'docs-vectors.test.ts'];
      await succeeds('pnpm', ['--filter', '@iotv1/tests', 'exec', 'vitest', 'run', ...crossPackage], CROSS_PACKAGE_BOUND_MS);
    },
    GENERATE_BOUND_MS + CHECK_BOUND_MS + SUITES_BOUND_MS + CROSS_PACKAGE_BOUND_MS,
  );
});

import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, sep } from 'node:path';
import { conformanceGenerator } from '@iotv1/generator-conformance';
import { ContractError, type ContractModel, type GeneratedFile } from '@iotv1/generator-kit';
import { BANNER, fixtureModels, HOSTILE, itFollowsTheOutputRules, once, REGISTRY_CASES, REPO_ROOT, requireTools, runTool } from '@iotv1/generator-testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cHeaderGenerator } from '../src/index.js';
import { payloadsView } from '../src/payloads.js';

/**
 * The C generator's headers, compiled with the hand-written packages/c-header/src/iotv1.c as C89 and as C++98, and
 * run: a program checks the values the model gives, the package's own host test (test/test_iotv1.c) checks every
 * other code, and its conformance runner (test/conformance.c) runs the fixture's conformance vectors. iotv1.c is compiled once per compiler and the programs link that object; the compilers run
 * two at a time (the tests that use them are concurrent). In CI every compiler must be there: a missing one fails
 * the test; elsewhere the test shows as skipped (the pattern of packages/c-header/test/c-header.test.ts).
 */

const CASES = REGISTRY_CASES;

const OUT = cHeaderGenerator.outDir;
const PACKAGE = join(REPO_ROOT, 'packages/c-header');
const STRICT = ['-pedantic', '-Wall', '-Wextra', '-Werror', '-Wtrigraphs'];
const C89 = ['-std=c89', ...STRICT];
const CXX98 = ['-x', 'c++', '-std=c++98', ...STRICT];
const CATEGORY: Readonly<Record<string, string>> = {
  Success: 'IOTV1_CATEGORY_SUCCESS',
  'Client Error': 'IOTV1_CATEGORY_CLIENT_ERROR',
  'Server Error': 'IOTV1_CATEGORY_SERVER_ERROR',
};

const modelOf = fixtureModels(CASES);
const temp = mkdtempSync(join(tmpdir(), 'iotv1-c-header-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** A program that checks, against the model, what the header and iotv1.c answer; it exits with its failure count. */
function checkProgram(model: ContractModel): string {
  const checks = model.registry.flatMap((e) => [
    `CHECK(IOTV1_CODE_${e.constantName} == ${e.code}u);`,
    `CHECK(iotv1_is_known_code(${e.code}u));`,
    `CHECK(iotv1_http_status(${e.code}u) == ${e.httpStatus}u);`,
    `CHECK(iotv1_category(${e.code}u) == ${CATEGORY[e.category]});`,
    `CHECK(iotv1_is_retryable(${e.code}u) == ${e.retryable ? 1 : 0});`,
    e.errorType === null ? `CHECK(iotv1_error_type(${e.code}u) == NULL);` : `CHECK(strcmp(iotv1_error_type(${e.code}u), ${JSON.stringify(e.errorType)}) == 0);`,
  ]);
  return [
    '#include <stdio.h>',
    '#include <string.h>',
    '#include "iotv1.h"',
    '/* A comment of the generated headers that ended early could define this. */',
    '#ifdef OK',
    '#error "the generated headers define OK"',
    '#endif',
    'static int failures = 0;',
    'static void check(int ok, int line) {',
    '  if (!ok) {',
    '    failures++;',
    '    fprintf(stderr, "check.c:%d failed\\n", line);',
    '  }',
    '}',
    '#define CHECK(x) check((x) ? 1 : 0, __LINE__)',
    'int main(void) {',
    '  CHECK(IOTV1_CODE_RATE_LIMITED == 4029u);',
    '  CHECK(iotv1_http_status(4029u) == 429u);',
    ...checks.map((line) => `  ${line}`),
    '  /* Codes this header has never seen: by their class, never known, no HTTP status. */',
    '  CHECK(!iotv1_is_known_code(4777u) && iotv1_http_status(4777u) == 0u);',
    '  CHECK(iotv1_category(4777u) == IOTV1_CATEGORY_CLIENT_ERROR);',
    '  CHECK(iotv1_category(5998u) == IOTV1_CATEGORY_SERVER_ERROR);',
    '  CHECK(iotv1_category(9001u) == IOTV1_CATEGORY_UNCLASSIFIABLE);',
    '  CHECK(iotv1_error_type(4777u) == NULL);',
    `  CHECK(strcmp(IOTV1_SPEC_VERSION, ${JSON.stringify(model.version)}) == 0);`,
    `  CHECK(strcmp(IOTV1_CONTENT_HASH, ${JSON.stringify(model.contentHash)}) == 0);`,
    '  return failures;',
    '}',
    '',
  ].join('\n');
}

describe.each(CASES)('C header generator, %s', (name, { want }) => {
  let model: ContractModel;
  let files: GeneratedFile[];
  /** The copied package's src: iotv1.h and iotv1.c beside the generated gen/. */
  let src: string;
  /** The fixture's conformance vectors as C tables. */
  let tables: string;
  let out: string;
  /** iotv1.c compiled once by each compiler, as the compile tests below ask: the objects the programs link. */
  const object = (compiler: string, flags: readonly string[], name: string) =>
    once(async () => {
      const path = join(out, name);
      await runTool(compiler, [...flags, '-I', src, '-c', join(src, 'iotv1.c'), '-o', path]);
      return path;
    });
  const objects = { gcc: object('gcc', [...C89, '-Wconversion'], 'iotv1.o'), 'g++': object('g++', CXX98, 'iotv1-cxx.o') };
  beforeAll(async () => {
    model = modelOf(name);
    files = await cHeaderGenerator.generate(model);
    const root = join(temp, name.replace(/\W+/g, '-'));
    const gen = join(PACKAGE, 'src/gen');
    src = join(root, 'packages/c-header/src');
    cpSync(join(PACKAGE, 'src'), src, { recursive: true, filter: (path) => path !== gen && !path.startsWith(`${gen}${sep}`) });
    for (const file of [...files, ...(await conformanceGenerator.generate(model))]) {
      mkdirSync(dirname(join(root, file.path)), { recursive: true });
      writeFileSync(join(root, file.path), file.content);
    }
    tables = join(root, conformanceGenerator.outDir);
    out = join(root, 'out');
    mkdirSync(out);
    writeFileSync(join(out, 'check.c'), checkProgram(model));
  });

  it('is given the fixture it expects', () => {
    expect(model.registry.map((e) => e.code)).toEqual(want.codes);
    expect(model.registry.filter((e) => e.retired !== null).map((e) => e.code)).toEqual(want.retired);
    expect(model.registry.some((e) => e.meaning.includes(HOSTILE))).toBe(want.hostile);
  });

  it('writes the version, registry, tables and payload headers', () => {
    const headers = ['iotv1_payload_tables.h', 'iotv1_payloads.h', 'iotv1_registry.h', 'iotv1_tables.h', 'iotv1_version.h'];
    expect(files.map((f) => f.path).sort()).toEqual(headers.map((f) => `${OUT}/${f}`));
  });

  it('stops on a payload the C codecs cannot hold, naming its file and pointer', () => {
    // A received string without maxLength has no buffer size.
    const schemas = model.schemas.map((document) =>
      document.file === 'schemas/feed-data-status.schema.json' ? { ...document, schema: { ...document.schema, maxLength: undefined } } : document,
    );
    let thrown: unknown;
    try {
      payloadsView({ ...model, schemas }, '');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ContractError);
    expect((thrown as ContractError).diagnostics).toEqual([
      {
        file: 'spec/schemas/feed-data-status.schema.json',
        pointer: '',
        message: 'The C payload codecs cannot hold this: a string a device receives needs maxLength (its buffer size).',
        rule: 'c-header/payload',
      },
    ]);
  });

  itFollowsTheOutputRules(
    cHeaderGenerator,
    () => model,
    () => files,
    () => BANNER.c(cHeaderGenerator.name),
  );

  it.concurrent.for(['', '-DIOTV1_NO_STRINGS'])('gcc -std=c89 -pedantic -Wall -Wextra -Werror compiles iotv1.c against them %s', async (define, context) => {
    requireTools(context, 'gcc');
    if (define === '') await objects.gcc();
    else await runTool('gcc', [...C89, '-Wconversion', define, '-I', src, '-c', join(src, 'iotv1.c'), '-o', join(out, 'iotv1-no-strings.o')]);
  });

  it.concurrent('g++ -x c++ -std=c++98 -pedantic -Wall -Wextra -Werror compiles iotv1.c against them', async (context) => {
    requireTools(context, 'g++');
    await objects['g++']();
  });

  it.concurrent.for([
    ['gcc', C89],
    ['g++', CXX98],
  ] as const)('%s: a program gets the model’s values from the header and iotv1.c', async ([compiler, flags], context) => {
    requireTools(context, compiler);
    const binary = join(out, `check-${compiler}`);
    // `-x none`: the object that follows is an object, whatever the flags said of the sources before it.
    await runTool(compiler, [...flags, '-I', src, join(out, 'check.c'), '-x', 'none', await objects[compiler](), '-o', binary]);
    await runTool(binary, []);
  });

  it.concurrent.for([
    ['host test', 'test_iotv1.c', /, 0 failure\(s\)$/m],
    ['conformance runner', 'conformance.c', /, 0 disagreement\(s\)$/m],
  ] as const)('gcc: the package’s %s passes', async ([, program, passed], context) => {
    requireTools(context, 'gcc');
    const binary = join(out, program.replace('.c', ''));
    await runTool('gcc', [...C89, '-I', src, '-I', tables, join(PACKAGE, 'test', program), await objects.gcc(), '-o', binary]);
    context.expect(await runTool(binary, [])).toMatch(passed);
  });

  it.concurrent('keeps the spec’s text inside comments: none of it reaches the preprocessed code', async (context) => {
    requireTools(context, 'gcc');
    // Comments keep the text in printable ASCII (a non-ASCII character becomes '?'): its words are the markers.
    const markers = ['trigraph', 'backslash', 'define OK'];
    const all = files.map((f) => f.content).join('\n');
    for (const marker of markers) context.expect(all.includes(marker), marker).toBe(want.hostile);
    const code = await runTool('gcc', ['-std=c89', '-E', '-P', '-I', src, join(src, 'iotv1.c')]);
    for (const marker of markers) context.expect(code.includes(marker), `${marker} outside a comment`).toBe(false);
  });
});

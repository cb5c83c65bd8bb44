import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it, type TestContext } from 'vitest';

/**
 * The generated header and source compiled by the compilers firmware teams use, as every C and C++ standard they
 * build with, and the host test run under AddressSanitizer and UndefinedBehaviorSanitizer. In CI every tool must
 * be there: a missing compiler fails the test; elsewhere the test shows as skipped.
 */
const ROOT = fileURLToPath(new URL('../', import.meta.url));
const SOURCE = join(ROOT, 'src/iotv1.c');
const HOST_TEST = join(ROOT, 'test/test_iotv1.c');
const INCLUDES = ['-I', join(ROOT, 'src')];
const STRICT = ['-Wall', '-Wextra', '-Werror', '-Wconversion', '-Wshadow', '-Wcast-qual'];
const out = mkdtempSync(join(tmpdir(), 'iotv1-c-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

/** Skips the test when a tool is missing (shown as skipped, never as passed); in CI a missing tool fails it. */
function requireTools(context: TestContext, ...tools: string[]): void {
  const missing = tools.filter((tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0);
  if (missing.length === 0) return;
  if (process.env.CI) throw new Error(`${missing.join(', ')} required in CI (see .ci/run), and missing`);
  context.skip(`${missing.join(', ')} not installed`);
}

function compile(compiler: string, args: readonly string[]): void {
  const result = spawnSync(compiler, [...args, ...INCLUDES], { encoding: 'utf8' });
  expect(result.status, `${compiler} ${args.join(' ')}\n${result.stderr}`).toBe(0);
}

const C_STANDARDS = ['-std=c89 -pedantic', '-std=c99', '-std=c11', '-std=c17'];
const CASES: readonly (readonly [string, string])[] = [
  ...['gcc', 'clang'].flatMap((cc) => C_STANDARDS.map((std) => [cc, std] as const)),
  ...['-std=c++98', '-std=c++11', '-std=c++17'].map((std) => ['g++', `-x c++ ${std} -pedantic`] as const),
  ['gcc', '-std=c99 -fshort-enums'],
];

describe('the C header compiles clean', () => {
  it.for(CASES)('%s %s', ([compiler, flags], context) => {
    requireTools(context, compiler);
    for (const strings of [[], ['-DIOTV1_NO_STRINGS']]) {
      compile(compiler, [...flags.split(' '), ...STRICT, ...strings, '-c', SOURCE, '-o', join(out, 'iotv1.o')]);
      compile(compiler, [...flags.split(' '), ...STRICT, ...strings, '-c', HOST_TEST, '-o', join(out, 'test.o')]);
    }
  });

  it.for([[], ['-DIOTV1_NO_STRINGS']])('arm-none-eabi-gcc for Cortex-M0+ %s', (strings, context) => {
    requireTools(context, 'arm-none-eabi-gcc');
    compile('arm-none-eabi-gcc', [
      '-mcpu=cortex-m0plus',
      '-mthumb',
      '-Os',
      '-std=c89',
      '-pedantic',
      ...STRICT,
      ...strings,
      '-c',
      SOURCE,
      '-o',
      join(out, 'arm.o'),
    ]);
  });

  it('refuses to compile iotv1.c against generated tables of another layout', (context) => {
    requireTools(context, 'gcc');
    const result = spawnSync('gcc', ['-c', SOURCE, '-o', join(out, 'x.o'), ...INCLUDES, '-DIOTV1_TABLES_H', '-DIOTV1_TABLES_LAYOUT=2'], { encoding: 'utf8' });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('another layout than this iotv1.c');
  });
});

describe('the host test, under AddressSanitizer and UndefinedBehaviorSanitizer', () => {
  it.for(['gcc', 'clang'].flatMap((cc) => [[cc, ''] as const, [cc, '-DIOTV1_NO_STRINGS'] as const]))('%s %s', ([compiler, define], context) => {
    requireTools(context, compiler);
    const binary = join(out, `host-${compiler}${define === '' ? '' : '-nostrings'}`);
    const sanitize = ['-fsanitize=address,undefined', '-fno-sanitize-recover=all', '-g'];
    compile(compiler, ['-std=c89', '-pedantic', ...STRICT, ...sanitize, ...(define === '' ? [] : [define]), SOURCE, HOST_TEST, '-o', binary]);
    expect(execFileSync(binary, { encoding: 'utf8' })).toMatch(/0 failure\(s\)/);
  });
});

describe('Cortex-M0+ footprint (arm-none-eabi-size, -mcpu=cortex-m0plus -mthumb -Os)', () => {
  /** text, data, bss of the compiled helpers. */
  function size(strings: readonly string[]): { text: number; data: number; bss: number } {
    const object = join(out, `size${strings.length}.o`);
    compile('arm-none-eabi-gcc', ['-mcpu=cortex-m0plus', '-mthumb', '-Os', ...strings, '-c', SOURCE, '-o', object]);
    const [text = 0, data = 0, bss = 0] = execFileSync('arm-none-eabi-size', [object], { encoding: 'utf8' }).split('\n')[1]!.trim().split(/\s+/).map(Number);
    return { text, data, bss };
  }

  it('stays in flash (no data, no bss) and within its budget', (context) => {
    requireTools(context, 'arm-none-eabi-gcc', 'arm-none-eabi-size');
    const withStrings = size([]);
    const withoutStrings = size(['-DIOTV1_NO_STRINGS']);
    expect(withStrings).toMatchObject({ data: 0, bss: 0 });
    expect(withoutStrings).toMatchObject({ data: 0, bss: 0 });
    expect(withStrings.text).toBeLessThanOrEqual(768);
    expect(withoutStrings.text).toBeLessThanOrEqual(256);
  });
});

describe('integration files', () => {
  it('CMake: a project links the iotv1 target and runs', (context) => {
    requireTools(context, 'cmake', 'gcc');
    const project = join(out, 'cmake-project');
    mkdirSync(project);
    writeFileSync(
      join(project, 'CMakeLists.txt'),
      `cmake_minimum_required(VERSION 3.13)\nproject(device C)\nadd_subdirectory(${JSON.stringify(ROOT)} iotv1)\nadd_executable(device main.c)\ntarget_link_libraries(device PRIVATE iotv1)\n`,
    );
    writeFileSync(
      join(project, 'main.c'),
      '#include "iotv1.h"\nint main(void) { return iotv1_handle_response(429u, 1, IOTV1_CODE_RATE_LIMITED) == IOTV1_ACTION_RETRY_LATER ? 0 : 1; }\n',
    );
    const build = join(project, 'build');
    mkdirSync(build);
    execFileSync('cmake', ['-S', project, '-B', build], { stdio: 'pipe' });
    execFileSync('cmake', ['--build', build], { stdio: 'pipe' });
    expect(spawnSync(join(build, 'device')).status).toBe(0);
  });

  it('PlatformIO: library.json names the sources and headers', () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'library.json'), 'utf8')) as { name: string; version: string; build: Record<string, string> };
    expect(manifest).toMatchObject({ name: 'iotv1', build: { srcDir: 'src', includeDir: 'src' } });
    expect(readFileSync(join(ROOT, 'src/gen/iotv1_version.h'), 'utf8')).toContain(`#define IOTV1_SPEC_VERSION "${manifest.version}"`);
  });
});

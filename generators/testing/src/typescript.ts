import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { GeneratedFile } from '@iotv1/generator-kit';
import type ts from 'typescript';
import { REPO_ROOT } from './fixture-specs.js';
import { once } from './once.js';

/*
 * A TypeScript package rebuilt in a temporary directory: its hand-written sources and tsconfigs copied from
 * packages/<name>, its src/gen written from a fixture, and compiled by the TypeScript compiler in this process.
 */

/**
 * Copies `packages/<name>` (package.json, tsconfig*.json, src without its gen) under `root`, at the same relative
 * path as in the repository, with tsconfig.base.json where the package's tsconfig looks for it; then writes `files`
 * (repository-relative paths) there. Returns the package's directory.
 */
export function packageWithGenerated(root: string, name: string, files: readonly GeneratedFile[]): string {
  const to = copyPackage(root, name, false);
  writeFiles(root, files);
  return to;
}

/** Copies `packages/<name>` under `root` as `packageWithGenerated` does; with its committed src/gen when `withGen`. */
export function copyPackage(root: string, name: string, withGen: boolean): string {
  const from = join(REPO_ROOT, 'packages', name);
  const to = join(root, 'packages', name);
  mkdirSync(to, { recursive: true });
  copyFileSync(join(REPO_ROOT, 'tsconfig.base.json'), join(root, 'tsconfig.base.json'));
  for (const file of ['package.json', 'tsconfig.json', 'tsconfig.build.json', 'tsconfig.browser.json']) {
    try {
      copyFileSync(join(from, file), join(to, file));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  const gen = join(from, 'src', 'gen');
  cpSync(join(from, 'src'), join(to, 'src'), { recursive: true, filter: (path) => withGen || (path !== gen && !path.startsWith(`${gen}${sep}`)) });
  return to;
}

export function writeFiles(root: string, files: readonly GeneratedFile[]): void {
  for (const file of files) {
    const path = join(root, file.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, file.content);
  }
}

/** The compiler, loaded on first use: the suites that compile nothing (the C header's, the spec's) do not load it. */
const typescript = once(() => createRequire(import.meta.url)('typescript') as typeof ts);

/** Source files outside the packages under test (the standard library, node_modules), parsed once per test file. */
const libraries = new Map<string, ts.SourceFile>();

function compilerHost(options: ts.CompilerOptions): ts.CompilerHost {
  const host = typescript().createCompilerHost(options);
  const read = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
    if (!fileName.includes('/node_modules/')) return read(fileName, languageVersion, onError, shouldCreate);
    const key = `${fileName}\0${JSON.stringify(languageVersion)}`;
    let file = libraries.get(key);
    if (file === undefined) {
      file = read(fileName, languageVersion, onError, shouldCreate);
      if (file !== undefined) libraries.set(key, file);
    }
    return file;
  };
  return host;
}

/**
 * Compiles the project of a tsconfig as `tsc -p` does (emitting unless it says noEmit), with `overrides` on top of
 * its options. Returns the diagnostics, formatted; '' when there are none.
 */
export function compile(tsconfig: string, overrides: ts.CompilerOptions = {}): string {
  const compiler = typescript();
  const parsed = compiler.getParsedCommandLineOfConfigFile(tsconfig, overrides, {
    ...compiler.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      throw new Error(compiler.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
    },
  });
  if (parsed === undefined) throw new Error(`cannot read ${tsconfig}`);
  const host = compilerHost(parsed.options);
  const program = compiler.createProgram({ rootNames: parsed.fileNames, options: parsed.options, host });
  const diagnostics = [...parsed.errors, ...compiler.getPreEmitDiagnostics(program)];
  if (diagnostics.length === 0) diagnostics.push(...program.emit().diagnostics);
  return compiler.formatDiagnostics(diagnostics, { getCanonicalFileName: (f) => f, getCurrentDirectory: () => dirname(tsconfig), getNewLine: () => '\n' });
}

/** The source of a TypeScript file without its comments (what a `*\/` in a comment would leave as code). */
export function withoutComments(fileName: string, source: string): string {
  const compiler = typescript();
  const file = compiler.createSourceFile(fileName, source, compiler.ScriptTarget.ES2022, false, compiler.ScriptKind.TS);
  return compiler.createPrinter({ removeComments: true }).printFile(file);
}

/**
 * Imports ES modules from plain Node (no test runner in between), all in one process, and evaluates there each of
 * `expressions` over their namespaces (each bound to its name in `modules`), through JSON. Returns a getter for each
 * expression's value that throws what that expression threw, so that each test fails on its own; a module that
 * cannot be imported fails them all.
 */
export function evaluateInNode<T extends Record<string, unknown>>(
  modules: Readonly<Record<string, string>>,
  expressions: { readonly [K in keyof T]: string },
): { readonly [K in keyof T]: () => T[K] } {
  const names = Object.keys(modules);
  for (const name of names) if (!/^[A-Za-z_$][\w$]*$/.test(name)) throw new Error(`evaluateInNode: ${JSON.stringify(name)} is not a variable name`);
  const script = [
    ...Object.entries(modules).map(([name, path]) => `const ${name} = await import(${JSON.stringify(pathToFileURL(path).href)});`),
    'const results = {};',
    ...Object.entries(expressions).map(
      ([key, expression]) =>
        `try { results[${JSON.stringify(key)}] = { value: (${expression}) }; } catch (error) { results[${JSON.stringify(key)}] = { error: String(error?.stack ?? error) }; }`,
    ),
    'process.stdout.write(JSON.stringify(results));',
  ].join('\n');
  const run = spawnSync(process.execPath, ['--input-type=module', '--eval', script], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`node could not import ${Object.values(modules).join(', ')}:\n${run.stderr}`);
  const results = JSON.parse(run.stdout) as Record<string, { readonly value?: unknown; readonly error?: string }>;
  const getter = (key: string) => (): unknown => {
    const result = results[key];
    if (result?.error !== undefined) throw new Error(`in node, ${expressions[key as keyof T]} threw:\n${result.error}`);
    return result?.value;
  };
  return Object.fromEntries(Object.keys(expressions).map((key) => [key, getter(key)])) as { readonly [K in keyof T]: () => T[K] };
}

/**
 * Imports an ES module from plain Node (no test runner in between) and returns what `expression` computes from its
 * namespace `m`, through JSON.
 */
export function importInNode<T>(modulePath: string, expression: string): T {
  return evaluateInNode<{ value: T }>({ m: modulePath }, { value: expression }).value();
}

import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { GeneratedFile } from '@iotv1/generator-kit';
import ts from 'typescript';
import { REPO_ROOT } from './fixture-specs.js';

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

/** Source files outside the packages under test (the standard library, node_modules), parsed once per test file. */
const libraries = new Map<string, ts.SourceFile>();

function compilerHost(options: ts.CompilerOptions): ts.CompilerHost {
  const host = ts.createCompilerHost(options);
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
  const parsed = ts.getParsedCommandLineOfConfigFile(tsconfig, overrides, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
    },
  });
  if (parsed === undefined) throw new Error(`cannot read ${tsconfig}`);
  const host = compilerHost(parsed.options);
  const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options, host });
  const diagnostics = [...parsed.errors, ...ts.getPreEmitDiagnostics(program)];
  if (diagnostics.length === 0) diagnostics.push(...program.emit().diagnostics);
  return ts.formatDiagnostics(diagnostics, { getCanonicalFileName: (f) => f, getCurrentDirectory: () => dirname(tsconfig), getNewLine: () => '\n' });
}

/** The source of a TypeScript file without its comments (what a `*\/` in a comment would leave as code). */
export function withoutComments(fileName: string, source: string): string {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.ES2022, false, ts.ScriptKind.TS);
  return ts.createPrinter({ removeComments: true }).printFile(file);
}

/**
 * Imports an ES module from plain Node (no test runner in between) and returns what `expression` computes from its
 * namespace `m`, through JSON.
 */
export function importInNode<T>(modulePath: string, expression: string): T {
  const script = `const m = await import(${JSON.stringify(pathToFileURL(modulePath).href)}); process.stdout.write(JSON.stringify(${expression}));`;
  const run = spawnSync(process.execPath, ['--input-type=module', '--eval', script], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`node could not import ${modulePath}:\n${run.stderr}`);
  return JSON.parse(run.stdout) as T;
}

import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { withToolProcess } from './scheduling.js';
import { describeRun, runTool, type ToolRun } from './tool-run.js';
import { REPO_ROOT } from './workspace.js';

/**
 * Generated clients are meant for bundlers and browsers: imports may lack extensions (Modelina) and code calls
 * `fetch`, so the folder is checked with bundler resolution and the DOM library, and without any ambient @types.
 */
const GENERATED_CODE_OPTIONS = {
  target: 'ES2022',
  module: 'ESNext',
  moduleResolution: 'Bundler',
  lib: ['ES2022', 'DOM', 'DOM.Iterable'],
  types: [],
  skipLibCheck: false,
};

/** The verdict of `tsc --strict --noEmit` on one folder: its diagnostics, one string each (none when it passes). */
export interface FolderCheck {
  /** The command, its exit code and its whole output, for an assertion message. */
  readonly run: string;
  readonly diagnostics: readonly string[];
}

/**
 * `tsc --strict --noEmit` (the workspace's TypeScript) over every .ts file of each folder in `folders`, with as few
 * compiler runs as give the same verdicts as one run per folder.
 *
 * Most of a run is spent on the DOM library (`skipLibCheck: false` checks it too), so folders share one program.
 * That is the same check as one program each when every file is an ES module that declares nothing global: files of
 * different folders then see only the libraries and what they import. A folder with a script (no `import`/`export`),
 * a `declare global`, an ambient `declare module` or a triple-slash reference gets a run of its own. `project` is
 * where the shared tsconfig is written.
 */
export async function typeCheckFolders(project: string, folders: readonly string[]): Promise<ReadonlyMap<string, FolderCheck>> {
  const shared = folders.filter((folder) => keepsToItself(folder));
  const alone = folders.filter((folder) => !shared.includes(folder));
  const runs = [
    ...(shared.length > 0 ? [{ name: 'shared', folders: shared }] : []),
    ...alone.map((folder, index) => ({ name: `alone-${index}`, folders: [folder] })),
  ];
  const checks = await Promise.all(runs.map(({ name, folders: group }) => typeCheckTogether(join(project, `tsconfig.${name}.json`), group)));
  return new Map(checks.flatMap((check) => [...check]));
}

async function typeCheckTogether(tsconfig: string, folders: readonly string[]): Promise<Map<string, FolderCheck>> {
  const base = resolve(tsconfig, '..');
  const include = folders.map((folder) => `${relative(base, folder).split(sep).join('/')}/**/*.ts`);
  writeFileSync(tsconfig, JSON.stringify({ compilerOptions: GENERATED_CODE_OPTIONS, include }, null, 2));
  const run = await withToolProcess(() => runTool('tsc', ['-p', tsconfig, '--strict', '--noEmit', '--pretty', 'false']));
  const byFolder = attribute(run, folders);
  return new Map(folders.map((folder) => [folder, { run: describeRun(run), diagnostics: byFolder.get(folder) ?? [] }]));
}

/**
 * Splits `--pretty false` output into diagnostics (`file(line,col): error TSnnnn: ...`, continuation lines indented)
 * and gives each to the folder of its file; one without a file of any folder (a global one) goes to every folder,
 * as does a failed run that printed no diagnostic.
 */
function attribute(run: ToolRun, folders: readonly string[]): Map<string, string[]> {
  const diagnostics: string[] = [];
  for (const line of run.stdout.split('\n')) {
    if (line.trim() === '') continue;
    if (/^\s/.test(line) && diagnostics.length > 0) diagnostics[diagnostics.length - 1] += `\n${line}`;
    else diagnostics.push(line);
  }
  if (diagnostics.length === 0 && run.exitCode !== 0)
    diagnostics.push(`tsc did not pass (${run.timedOut ? 'killed after its timeout' : `exit code ${run.exitCode}`})`);
  const byFolder = new Map<string, string[]>();
  for (const diagnostic of diagnostics) {
    const file = /^(.+?)\(\d+,\d+\): /.exec(diagnostic)?.[1];
    const path = file === undefined ? undefined : isAbsolute(file) ? file : resolve(REPO_ROOT, file);
    const owners = folders.filter((folder) => path?.startsWith(`${folder}${sep}`) === true);
    for (const folder of owners.length > 0 ? owners : folders) byFolder.set(folder, [...(byFolder.get(folder) ?? []), diagnostic]);
  }
  return byFolder;
}

/** Whether every .ts file of `folder` is an ES module that adds nothing to the global scope (see typeCheckFolders). */
function keepsToItself(folder: string): boolean {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((path) => path.endsWith('.ts'))
    .every((path) => {
      const text = readFileSync(join(folder, path), 'utf8');
      return /^\s*(?:import|export)\b/m.test(text) && !/\bdeclare\s+(?:global\b|module\s+['"])|^\s*\/\/\/\s*<reference\b/m.test(text);
    });
}

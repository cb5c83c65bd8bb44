import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runTool, type ToolRun } from './tool-run.js';

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

/** `tsc --strict --noEmit` (the workspace's TypeScript) over every .ts file in `dir`. */
export function typeCheck(dir: string): Promise<ToolRun> {
  const project = join(dir, 'tsconfig.json');
  writeFileSync(project, JSON.stringify({ compilerOptions: GENERATED_CODE_OPTIONS, include: ['**/*.ts'] }, null, 2));
  return runTool('tsc', ['-p', project, '--strict', '--noEmit', '--pretty', 'false']);
}

#!/usr/bin/env node
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { type GenerateOutcome, generate } from './generate.js';
import { TARGETS } from './targets.js';
import { watchSpec } from './watch.js';

const USAGE = `usage: iotv1 generate [--check | --watch] [--root <dir>] [--spec <dir>]

  generate           generate every package from the spec (writes only changed files)
  --check            write nothing; exit 1 and list the stale files when the output differs from the spec
  --watch            regenerate on every change under the spec directory
  --root <dir>       repository root (default: the nearest directory with pnpm-workspace.yaml)
  --spec <dir>       spec directory (default: <root>/spec)`;

const EXIT: Record<GenerateOutcome, number> = { written: 0, 'up-to-date': 0, stale: 1, 'invalid-spec': 1 };

async function main(argv: string[]): Promise<number> {
  let parsed: ReturnType<typeof parseOptions>;
  try {
    parsed = parseOptions(argv);
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (positionals[0] !== 'generate' || positionals.length > 1 || (values.check && values.watch)) {
    console.error(USAGE);
    return 2;
  }
  const root = resolve(values.root ?? findWorkspaceRoot(process.cwd()));
  const options = { root, specDir: resolve(values.spec ?? join(root, 'spec')), targets: TARGETS, check: values.check, log: console.log, error: console.error };
  if (values.watch) return watchSpec(options);
  return EXIT[await generate(options)];
}

function parseOptions(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: true,
    options: {
      check: { type: 'boolean', default: false },
      watch: { type: 'boolean', default: false },
      root: { type: 'string' },
      spec: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

function findWorkspaceRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml'))) return dir;
    if (dirname(dir) === dir) return from;
  }
}

process.exitCode = await main(process.argv.slice(2));

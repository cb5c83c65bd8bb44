#!/usr/bin/env node
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { type GenerateOutcome, generate } from './generate.js';
import { startTargets } from './target-runner.js';
import { watchSpec } from './watch.js';

const USAGE = `usage: iotv1 generate [--check | --watch] [--root <dir>] [--spec <dir>]
       iotv1 check [--against <git ref | spec dir>] [--format text|json|github] [--root <dir>] [--spec <dir>]

  generate           generate every package from the spec (writes only changed files)
  --check            write nothing; exit 1 and list the stale files when the output differs from the spec
  --watch            regenerate on every change under the spec directory
  --root <dir>       repository root (default: the nearest directory with pnpm-workspace.yaml)
  --spec <dir>       spec directory (default: <root>/spec)

  check              compare the spec with a base and report breaking changes (exit 1 when one is not accepted)
  --against <base>   a git ref or a spec directory (default: the last release, the newest contract-v* tag)
  --format <format>  text (default), json, or github (workflow annotations)`;

const EXIT: Record<GenerateOutcome, number> = { written: 0, 'up-to-date': 0, stale: 1, 'invalid-spec': 1, superseded: 0 };

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
  if (positionals[0] === 'check' && positionals.length === 1 && !values.check && !values.watch) {
    const root = resolve(values.root ?? findWorkspaceRoot(process.cwd()));
    const specDir = resolve(values.spec ?? join(root, 'spec'));
    // Loaded only for this command: `generate` must not pay for the comparison code.
    const { check } = await import('@iotv1/compat-check');
    return check({ root, specDir, against: values.against, format: values.format, log: console.log, error: console.error });
  }
  const checkOnly = values.against !== undefined || values.format !== undefined;
  if (positionals[0] !== 'generate' || positionals.length > 1 || (values.check && values.watch) || checkOnly) {
    console.error(USAGE);
    return 2;
  }
  const root = resolve(values.root ?? findWorkspaceRoot(process.cwd()));
  const options = {
    root,
    specDir: resolve(values.spec ?? join(root, 'spec')),
    targets: startTargets,
    check: values.check,
    log: console.log,
    error: console.error,
  };
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
      against: { type: 'string' },
      format: { type: 'string' },
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

// `iotv1 generate | head`: a reader that stops early must not crash a run that is still writing files.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') throw error;
  });
}

process.exitCode = await main(process.argv.slice(2));

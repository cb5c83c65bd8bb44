import { readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { formatDiagnostic } from '@iotv1/generator-kit';
import { type Base, BaseError, resolveBase } from './base.js';
import { compareSpecs } from './compare.js';
import { FORMATS, type Format, formatNothingToCompare, formatReport } from './formats.js';
import { isLoaded, loadSnapshot } from './snapshot.js';

export interface CheckOptions {
  /** Repository root: CHANGELOG.md and git live here, and files are shown relative to it. */
  readonly root: string;
  readonly specDir: string;
  /** A spec directory or a git revision; the last release when absent. */
  readonly against?: string | undefined;
  readonly format?: string | undefined;
  readonly log: (text: string) => void;
  readonly error: (text: string) => void;
}

/**
 * `iotv1 check`: compares the spec with a base and prints the findings. Exit code 0 when nothing breaking is
 * left unaccepted (or there is nothing to compare), 1 on breaking findings or a current spec with problems,
 * 2 when the options or the base are wrong.
 */
export async function check(options: CheckOptions): Promise<number> {
  const format = options.format ?? 'text';
  if (!isFormat(format)) {
    options.error(`check: --format must be one of ${FORMATS.join(', ')}, not "${format}".`);
    return 2;
  }
  const current = await loadSnapshot(options.specDir);
  if (!isLoaded(current)) {
    const count = `${current.problems.length} problem${current.problems.length === 1 ? '' : 's'}`;
    options.error(`check: the spec has ${count}; fix them before checking compatibility (\`pnpm generate\` lists the same ones).\n`);
    for (const diagnostic of current.problems) options.error(formatDiagnostic(diagnostic));
    return 1;
  }
  let base: Base;
  try {
    base = resolveBase(options.specDir, current.model.version, options.against);
  } catch (error) {
    if (!(error instanceof BaseError)) throw error;
    options.error(`check: ${error.message}`);
    return 2;
  }
  if (base.kind === 'none') {
    options.log(formatNothingToCompare(format, base.reason));
    return 0;
  }
  try {
    const report = compareSpecs(await loadSnapshot(base.specDir), current, readChangelog(options.root));
    const specPath = relative(options.root, options.specDir).split(sep).join('/') || '.';
    options.log(formatReport(format, report, { base: base.label, specPath }));
    return report.failed ? 1 : 0;
  } finally {
    base.dispose();
  }
}

function isFormat(format: string): format is Format {
  return (FORMATS as readonly string[]).includes(format);
}

function readChangelog(root: string): string {
  try {
    return readFileSync(join(root, 'CHANGELOG.md'), 'utf8');
  } catch {
    return '';
  }
}

import { describeRun, type ToolRun } from './tool-run.js';

/** A linter's findings, counted by severity, one readable line each. */
export interface LintReport {
  readonly errors: number;
  readonly warnings: number;
  readonly lines: readonly string[];
}

interface RedoclyProblem {
  readonly ruleId: string;
  readonly severity: 'error' | 'warn';
  readonly message: string;
  readonly location: readonly { readonly source: { readonly ref: string }; readonly pointer?: string }[];
}

interface RedoclyReport {
  readonly totals: { readonly errors: number; readonly warnings: number };
  readonly problems: readonly RedoclyProblem[];
}

/**
 * The reports of one `redocly lint --format json` run over `documents`: given several documents, Redocly prints one
 * JSON report after another (`}{`), in the order of its arguments. A run that printed another number of reports fails.
 */
export function redoclyReports(run: ToolRun, documents: readonly string[]): ReadonlyMap<string, LintReport> {
  let reports: RedoclyReport[];
  try {
    reports = concatenatedJson(run.stdout) as RedoclyReport[];
  } catch {
    throw new Error(`no JSON report:\n${describeRun(run)}`);
  }
  if (reports.length !== documents.length) throw new Error(`${reports.length} reports for ${documents.length} documents:\n${describeRun(run)}`);
  return new Map(
    reports.map(({ totals, problems }, index) => {
      const lines = problems.map(
        ({ ruleId, severity, message, location: [at] }) => `${severity} ${ruleId} ${at?.source.ref ?? ''}${at?.pointer ?? ''}: ${message}`,
      );
      return [documents[index]!, { errors: totals.errors, warnings: totals.warnings, lines }];
    }),
  );
}

/** Splits `{...}{...}` (any whitespace between) into its JSON values. */
function concatenatedJson(text: string): unknown[] {
  const values: unknown[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    if (inString) {
      if (char === '\\') index += 1;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === '{' || char === '[') {
      if (depth === 0) start = index;
      depth += 1;
    } else if (char === '}' || char === ']') {
      depth -= 1;
      if (depth === 0) values.push(JSON.parse(text.slice(start, index + 1)));
    } else if (depth === 0 && char !== undefined && char.trim() !== '') throw new Error(`unexpected ${char} between JSON values`);
  }
  if (depth !== 0 || values.length === 0) throw new Error('no complete JSON value');
  return values;
}

/** A Spectral result, as `spectral lint --format json` prints it. */
export interface SpectralResult {
  readonly code: string | number;
  readonly severity: 0 | 1 | 2 | 3;
  readonly message: string;
  readonly source?: string;
  readonly path: readonly (string | number)[];
}

const SPECTRAL_SEVERITIES = ['error', 'warning', 'info', 'hint'];

/** Spectral's results, counted as `--fail-severity warn` counts them. */
export function spectralReport(results: readonly SpectralResult[]): LintReport {
  const lines = results.map(
    ({ code, severity, message, source, path }) => `${SPECTRAL_SEVERITIES[severity]} ${code} ${source ?? ''}#/${path.join('/')}: ${message}`,
  );
  return { errors: results.filter((r) => r.severity === 0).length, warnings: results.filter((r) => r.severity === 1).length, lines };
}

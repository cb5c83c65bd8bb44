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

/** The report of `redocly lint --format json`. */
export function redoclyReport(run: ToolRun): LintReport {
  const { totals, problems } = parseOutput<{ totals: { errors: number; warnings: number }; problems: RedoclyProblem[] }>(run.stdout, run);
  const lines = problems.map(
    ({ ruleId, severity, message, location: [at] }) => `${severity} ${ruleId} ${at?.source.ref ?? ''}${at?.pointer ?? ''}: ${message}`,
  );
  return { errors: totals.errors, warnings: totals.warnings, lines };
}

interface SpectralResult {
  readonly code: string;
  readonly severity: 0 | 1 | 2 | 3;
  readonly message: string;
  readonly source?: string;
  readonly path: readonly (string | number)[];
}

const SPECTRAL_SEVERITIES = ['error', 'warning', 'info', 'hint'];

/** The report `spectral lint --format json` wrote to `json`. */
export function spectralReport(json: string, run: ToolRun): LintReport {
  const results = parseOutput<SpectralResult[]>(json, run);
  const lines = results.map(
    ({ code, severity, message, source, path }) => `${SPECTRAL_SEVERITIES[severity]} ${code} ${source ?? ''}#/${path.join('/')}: ${message}`,
  );
  return { errors: results.filter((r) => r.severity === 0).length, warnings: results.filter((r) => r.severity === 1).length, lines };
}

/** A linter that crashed prints no report: say what it printed instead. */
function parseOutput<T>(json: string, run: ToolRun): T {
  try {
    return JSON.parse(json) as T;
  } catch {
    throw new Error(`no JSON report:\n${describeRun(run)}`);
  }
}

import type { ILintConfig, OutputFormat } from '@stoplight/spectral-cli/dist/services/config.js';
import { type LintReport, spectralReport } from './lint-reports.js';
import { once } from './scheduling.js';
import { repoPath } from './workspace.js';

/** What `spectral lint -f json` passes to its linter when given no other option. */
const FLAGS: ILintConfig = {
  encoding: 'utf8',
  format: ['json' as OutputFormat.JSON],
  ignoreUnknownFormat: false,
  failOnUnmatchedGlobs: false,
  showDocumentationUrl: false,
};

/** Loaded on first use, so that a test file's child processes start meanwhile. */
const linter = once(() => import('@stoplight/spectral-cli/dist/services/linter/linter.js'));

/**
 * `spectral lint <documents> -r .spectral.yaml`, in this process: the CLI package's own `lint` service (the function
 * its `lint` command calls, with the same ruleset loading, resolver and YAML parser), minus the argument parsing and
 * the formatter. Every finding of every severity is kept, as with `--format json`.
 */
export async function spectralLint(documents: readonly string[]): Promise<LintReport> {
  const { lint } = await linter();
  const { results } = await lint(
    documents.map((document) => repoPath(document)),
    { ...FLAGS, ruleset: repoPath('.spectral.yaml') },
  );
  return spectralReport(results);
}

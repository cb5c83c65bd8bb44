import type { ContractModel } from '@iotv1/generator-kit';
import { hashInputs, isUpToDate, writeStamp } from './stamp.js';
import type { TargetOutput, TargetRunner } from './target-runner.js';
import { applyWrite, planWrite, type WritePlan } from './writer.js';

export interface GenerateOptions {
  /** Repository root: output directories are resolved against it. */
  readonly root: string;
  readonly specDir: string;
  /** Starts loading the targets; called only when there is work to do. */
  readonly targets: () => TargetRunner;
  /** Compare only: report stale files, write nothing. */
  readonly check: boolean;
  readonly log: (line: string) => void;
  readonly error: (line: string) => void;
}

export type GenerateOutcome = 'written' | 'up-to-date' | 'stale' | 'invalid-spec';

/** One run of `pnpm generate` (or `--check`). Returns what happened; prints a short summary. */
export async function generate(options: GenerateOptions): Promise<GenerateOutcome> {
  const started = performance.now();
  const elapsed = (): string => `${((performance.now() - started) / 1000).toFixed(2)} s`;
  // Started before the inputs are hashed, so loading the heavy targets in their worker overlaps that too; a run with
  // nothing to do leaves the idle worker behind at exit.
  const runTargets = options.targets();
  const inputs = hashInputs(options.specDir);
  if (!options.check && isUpToDate(options.root, inputs)) {
    options.log(`generate: up to date, nothing to do (spec and generators unchanged) in ${elapsed()}`);
    return 'up-to-date';
  }

  // Loaded here, after the fast path: the spec parsers cost most of a no-change run. The AsyncAPI parser starts
  // first, in its worker, before the spec loader is loaded; the targets generate while it still runs.
  const { prestartAsyncApiParse } = await import('@iotv1/generator-core/prestart');
  prestartAsyncApiParse(options.specDir);
  const [{ withContract }, { ContractError, formatDiagnostic }] = await Promise.all([import('@iotv1/generator-core'), import('@iotv1/generator-kit')]);
  let model: ContractModel;
  let output: TargetOutput;
  try {
    ({ model, output } = await withContract(options.specDir, async (contract) => ({ model: contract, output: await runTargets(contract) })));
  } catch (error) {
    if (!(error instanceof ContractError)) throw error;
    options.error(`generate: the spec has ${error.diagnostics.length} problem${error.diagnostics.length === 1 ? '' : 's'}; no file was changed.\n`);
    for (const diagnostic of error.diagnostics) options.error(formatDiagnostic(diagnostic));
    return 'invalid-spec';
  }
  const plan = planWrite(options.root, output.outDirs, output.files);
  if (options.check) return reportCheck(plan, options, elapsed());

  applyWrite(plan);
  writeStamp(options.root, inputs, output.outDirs, [...plan.changed, ...plan.unchanged]);
  options.log(
    `generate: ${plan.changed.length} written, ${plan.unchanged.length} unchanged, ${plan.removed.length} removed` +
      ` (contract ${model.version}, ${model.contentHash.slice(0, 19)}…) in ${elapsed()}`,
  );
  for (const file of plan.changed) options.log(`  wrote ${file.path}`);
  for (const path of plan.removed) options.log(`  removed ${path}`);
  return 'written';
}

function reportCheck(plan: WritePlan, options: GenerateOptions, elapsed: string): GenerateOutcome {
  const stale = [...plan.changed.map((f) => `${f.path} (differs from what the spec produces)`), ...plan.removed.map((p) => `${p} (no longer generated)`)];
  if (stale.length === 0) {
    options.log(`generate --check: ${plan.unchanged.length} generated files match the spec in ${elapsed}`);
    return 'up-to-date';
  }
  options.error(`generate --check: ${stale.length} generated file${stale.length === 1 ? ' is' : 's are'} out of date with spec/:`);
  for (const line of stale) options.error(`  ${line}`);
  options.error('Run `pnpm generate` and commit the result.');
  return 'stale';
}

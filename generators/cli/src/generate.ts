import type { ContractCache } from '@iotv1/generator-core';
import type { ContractModel } from '@iotv1/generator-kit';
import { generatorParts, hashInputs, isUpToDate, writeStamp } from './stamp.js';
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

/** `superseded` (with a session only): the spec changed while the run read it; it wrote and reported nothing. */
export type GenerateOutcome = 'written' | 'up-to-date' | 'stale' | 'invalid-spec' | 'superseded';

/**
 * What `--watch` keeps from one run to the next, so that a run after an edit does only the work the edit calls for:
 * the generators' share of the inputs hash (their code is loaded once too), the spec loader's caches (parsed files,
 * compiled schemas, the AsyncAPI parser's findings: see ContractCache), and the last model with what the targets made
 * of it. Every target reads the contract's content hash, which any change of what the spec says changes, so the
 * targets run again on every such change; an edit that changes no model (a comment, formatting, key order) reuses
 * their files. The output is what a cold run gives for the same spec.
 */
export class GenerateSession {
  generators: readonly string[] | undefined;
  contract: ContractCache | undefined;
  /** The last model the targets ran on, and their output; `key` (modelKey) once needed. */
  last: { readonly model: ContractModel; key?: string; readonly output: TargetOutput } | undefined;

  /** Work done ahead for the next run; call it while idle. */
  prepare(): void {
    this.contract?.prepare();
  }
}

/**
 * One run of `pnpm generate` (or `--check`). Returns what happened; prints a short summary. A `session` carries what
 * one run of `--watch` keeps for the next.
 */
export async function generate(options: GenerateOptions, session?: GenerateSession): Promise<GenerateOutcome> {
  const started = performance.now();
  const elapsed = (): string => `${((performance.now() - started) / 1000).toFixed(2)} s`;
  // Started before the inputs are hashed, so loading the heavy targets in their worker overlaps that too; a run with
  // nothing to do leaves the idle worker behind at exit.
  const runTargets = options.targets();
  if (session !== undefined) session.generators ??= generatorParts();
  const inputs = hashInputs(options.specDir, session?.generators);
  if (!options.check && isUpToDate(options.root, inputs)) {
    options.log(`generate: up to date, nothing to do (spec and generators unchanged) in ${elapsed()}`);
    return 'up-to-date';
  }

  // Loaded here, after the fast path: the spec parsers cost most of a no-change run. The AsyncAPI parser starts
  // first, in its worker, before the spec loader is loaded; the targets generate while it still runs. A warm run
  // leaves that to the loader's cache, which parses again only when the AsyncAPI document or a file it reads changed.
  const { prestartAsyncApiParse } = await import('@iotv1/generator-core/prestart');
  if (session?.contract === undefined) prestartAsyncApiParse(options.specDir);
  const [{ withContract, ContractCache }, { ContractError, formatDiagnostic }] = await Promise.all([
    import('@iotv1/generator-core'),
    import('@iotv1/generator-kit'),
  ]);
  if (session !== undefined) session.contract ??= new ContractCache();
  // A watch starts as soon as a file changes: one still being written then is read half-written. Whatever such a run
  // found, it neither writes nor reports it; the change's own event starts the next run.
  const superseded = (): boolean => session !== undefined && hashInputs(options.specDir, session.generators) !== inputs;
  let model: ContractModel;
  let output: TargetOutput;
  const targets = async (contract: ContractModel): Promise<TargetOutput> => {
    const last = session?.last;
    // The model decides the targets' output; one equal to the last (its content hash first) gives the same files.
    if (last !== undefined && last.model.contentHash === contract.contentHash) {
      last.key ??= modelKey(last.model);
      if (modelKey(contract) === last.key) return last.output;
    }
    return runTargets(contract);
  };
  try {
    ({ model, output } = await withContract(options.specDir, async (contract) => ({ model: contract, output: await targets(contract) }), session?.contract));
  } catch (error) {
    if (!(error instanceof ContractError)) throw error;
    if (superseded()) return 'superseded';
    options.error(`generate: the spec has ${error.diagnostics.length} problem${error.diagnostics.length === 1 ? '' : 's'}; no file was changed.\n`);
    for (const diagnostic of error.diagnostics) options.error(formatDiagnostic(diagnostic));
    return 'invalid-spec';
  }
  if (session !== undefined && session.last?.output !== output) session.last = { model, output };
  if (superseded()) return 'superseded';
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

/**
 * Readies a session for the runs that edits will start (`--watch`, before it says it watches): loads the spec and runs
 * the targets on it, `rounds` times or until `stop` says an edit is waiting, writing nothing. Code runs slowest its
 * first few times (V8 optimises what runs often); a watch pays that here rather than at the first edits. Every other
 * round loads the spec with caches of its own, as after an edit of every file (every file parsed, every schema
 * compiled, the AsyncAPI document parsed); the others through the session's, as after a small edit. A broken spec has
 * nothing to warm.
 */
export async function warmUp(options: GenerateOptions, session: GenerateSession, rounds: number, stop: () => boolean): Promise<void> {
  const [{ withContract, ContractCache }, { ContractError }] = await Promise.all([import('@iotv1/generator-core'), import('@iotv1/generator-kit')]);
  const runTargets = options.targets();
  session.contract ??= new ContractCache();
  for (let round = 0; round < rounds && !stop(); round++) {
    try {
      await withContract(options.specDir, runTargets, round % 2 === 0 ? new ContractCache() : session.contract);
    } catch (error) {
      if (error instanceof ContractError) return;
      throw error;
    }
  }
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

/**
 * The model's content as a string, to tell whether two models are equal: JSON, except that it keeps what JSON loses
 * and a model may carry (undefined, non-finite numbers, -0), as the structured clone to the target worker does.
 */
function modelKey(model: ContractModel): string {
  return JSON.stringify(model, (_key, value: unknown) => {
    if (typeof value === 'number' && (!Number.isFinite(value) || Object.is(value, -0))) return `\u0000number:${Object.is(value, -0) ? '-0' : String(value)}`;
    if (value === undefined) return '\u0000undefined';
    if (typeof value === 'string' && value.startsWith('\u0000')) return `\u0000${value}`;
    return value;
  });
}

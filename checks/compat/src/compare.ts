import { SPEC_LAYOUT } from '@iotv1/generator-kit';
import { judgeAcceptances } from './acceptance.js';
import { compareChannels } from './channel-rules.js';
import { dedupe, type Finding, finding, keyOf, type ReportedFinding, sortFindings } from './finding.js';
import { SpecLines } from './locate.js';
import { compareOperations, type HttpSide } from './operation-rules.js';
import { compareRegistry } from './registry-rules.js';
import { SchemaGraph } from './schema-graph.js';
import { SchemaComparison } from './schema-rules.js';
import type { LoadedSpec, SpecSnapshot } from './snapshot.js';

export interface CompatReport {
  readonly baseVersion: string | undefined;
  readonly currentVersion: string;
  /** Sorted: breaking first, then by place. */
  readonly findings: readonly ReportedFinding[];
  /** Whether a breaking finding is left that no honoured acceptance covers. */
  readonly failed: boolean;
}

/** Compares the current spec with a base: the registry always, operations, channels and payloads when the base loads. */
export function compareSpecs(base: SpecSnapshot, current: LoadedSpec, changelog: string): CompatReport {
  const versions = { base: base.version, current: current.model.version };
  const found = compareRegistry(base.registry, current.registry, versions);
  if (base.model === undefined) found.push(notLoaded(base));
  else found.push(...compareContracts({ model: base.model, openapi: base.openapi }, current));
  const unique = dedupe(found);
  const judged = judgeAcceptances(
    current.openapi,
    unique.filter((f) => f.severity === 'breaking'),
    { baseVersion: base.version, currentVersion: current.model.version, changelog },
  );
  const lines = new SpecLines(current.specDir);
  const findings = sortFindings([...unique, ...judged.findings]).map((f): ReportedFinding => {
    const key = keyOf(f);
    const line = lines.lineOf(f.file, f.pointer);
    const accepted = judged.accepted.get(key);
    return { ...f, key, ...(line !== undefined && { line }), ...(accepted !== undefined && { accepted }) };
  });
  return {
    baseVersion: base.version,
    currentVersion: current.model.version,
    findings,
    failed: findings.some((f) => f.severity === 'breaking' && f.accepted === undefined),
  };
}

function compareContracts(base: HttpSide, current: HttpSide): Finding[] {
  const schemas = new SchemaComparison(new SchemaGraph(base.model), new SchemaGraph(current.model));
  const findings = [...compareOperations(base, current, schemas), ...compareChannels(base.model, current.model, schemas)];
  return [...findings, ...schemas.findings];
}

/** A base written for an older toolchain may fail today's checks; say what could not be compared. */
function notLoaded(base: SpecSnapshot): Finding {
  const first = base.problems[0];
  const problems = `${base.problems.length} problem${base.problems.length === 1 ? '' : 's'}${first === undefined ? '' : `, the first: ${first.message} [${first.rule}]`}`;
  return finding(
    'base/not-loaded',
    'warning',
    SPEC_LAYOUT.openapi,
    '',
    `The base (${base.version ?? 'no version'}) does not pass today's checks (${problems}), so only its registry was compared: operations, channels and payloads were not.`,
  );
}

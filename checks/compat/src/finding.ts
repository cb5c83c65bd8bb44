/** `breaking` fails the check unless a reviewed acceptance covers it; `warning` and `info` never fail it. */
export type Severity = 'breaking' | 'warning' | 'info';

const SEVERITIES: readonly Severity[] = ['breaking', 'warning', 'info'];

/** One difference between the base spec and the current one, judged from the point of view of old clients. */
export interface Finding {
  /** Stable id of the rule, for example `registry/meaning-changed`. */
  readonly id: string;
  readonly severity: Severity;
  /** Spec file relative to the spec directory, for example `schemas/response-code.schema.json`. */
  readonly file: string;
  /** JSON pointer into that file: in the current spec, or in the base for something that was removed. */
  readonly pointer: string;
  /** The registry code the finding is about. */
  readonly code?: number;
  /** A sentence a reviewer understands: what changed and why it matters. */
  readonly message: string;
}

/** A reviewed breaking change, recorded in `info.x-accepted-breaking-changes` of openapi.yaml. */
export interface Acceptance {
  readonly reviewer: string;
  readonly reason: string;
  readonly version: string;
}

/** A finding as reported: with the key an acceptance names it by, its line and whether it was accepted. */
export interface ReportedFinding extends Finding {
  readonly key: string;
  readonly line?: number;
  readonly accepted?: Acceptance;
}

/**
 * The name an acceptance and a changelog use for a finding. Registry findings are named by code (an entry's
 * index moves when entries are reordered), everything else by place.
 */
export function keyOf(finding: Finding): string {
  return finding.code === undefined ? `${finding.id}@${finding.file}#${finding.pointer}` : `${finding.id}@code-${finding.code}`;
}

/** One finding per key: a shared schema reached from several operations is reported once. */
export function dedupe(findings: readonly Finding[]): Finding[] {
  const byKey = new Map<string, Finding>();
  for (const finding of findings) if (!byKey.has(keyOf(finding))) byKey.set(keyOf(finding), finding);
  return [...byKey.values()];
}

/** Stable order: most severe first, then by place, so output does not depend on which rule ran first. */
export function sortFindings<T extends Finding>(findings: readonly T[]): T[] {
  return [...findings].sort(
    (a, b) =>
      SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) ||
      a.file.localeCompare(b.file) ||
      (a.code ?? 0) - (b.code ?? 0) ||
      a.pointer.localeCompare(b.pointer) ||
      a.id.localeCompare(b.id),
  );
}

/** Builds a finding; `code` only when there is one (exactOptionalPropertyTypes). */
export function finding(id: string, severity: Severity, file: string, pointer: string, message: string, code?: number): Finding {
  return { id, severity, file, pointer, message, ...(code !== undefined && { code }) };
}

/** One problem found in the spec: where it is and what is wrong, in a plain sentence. */
export interface Diagnostic {
  /** Spec file, relative to the spec directory's parent (for example `spec/openapi.yaml`). */
  readonly file: string;
  /** JSON pointer into that file (RFC 6901); `""` is the whole document. */
  readonly pointer: string;
  readonly line?: number;
  readonly column?: number;
  readonly message: string;
  /** Stable id of the rule that found it, for tests and tooling (for example `registry/duplicate-code`). */
  readonly rule: string;
}

/** Thrown when the spec cannot produce a Contract Model; carries every problem found, not the first only. */
export class ContractError extends Error {
  readonly diagnostics: readonly Diagnostic[];

  constructor(diagnostics: readonly Diagnostic[]) {
    super(`the spec has ${diagnostics.length} problem${diagnostics.length === 1 ? '' : 's'}`);
    this.name = 'ContractError';
    this.diagnostics = diagnostics;
  }
}

export function formatDiagnostic(d: Diagnostic): string {
  const at = d.line === undefined ? '' : `:${d.line}${d.column === undefined ? '' : `:${d.column}`}`;
  return `${d.file}${at} ${d.pointer === '' ? '#' : `#${d.pointer}`}\n  ${d.message} [${d.rule}]`;
}

/** Stable order: by file, then line, then pointer, so output does not depend on which check ran first. */
export function sortDiagnostics(list: readonly Diagnostic[]): Diagnostic[] {
  return [...list].sort(
    (a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0) || a.pointer.localeCompare(b.pointer) || a.message.localeCompare(b.message),
  );
}

import type { CompatReport } from './compare.js';
import type { ReportedFinding, Severity } from './finding.js';

export const FORMATS = ['text', 'json', 'github'] as const;
export type Format = (typeof FORMATS)[number];

/** What the report is about, for its header. */
export interface ReportSubject {
  /** How the base was chosen, for example `contract-v1.0.0 (the last release tag)`. */
  readonly base: string;
  /** The spec directory relative to the repository root, prefixed to every file (`spec`). */
  readonly specPath: string;
}

export function formatReport(format: Format, report: CompatReport, subject: ReportSubject): string {
  if (format === 'json') return formatJson(report, subject);
  return (format === 'github' ? formatGithub : formatText)(report, subject);
}

/** Nothing to compare with: one line in the requested format. */
export function formatNothingToCompare(format: Format, reason: string): string {
  if (format === 'json') return JSON.stringify({ base: null, passed: true, note: reason, findings: [] }, null, 2);
  return format === 'github' ? `::notice title=compatibility check::${escapeData(reason)}` : `check: ${reason}`;
}

function formatText(report: CompatReport, subject: ReportSubject): string {
  const lines = [`check: ${subject.specPath} ${report.currentVersion} against ${report.baseVersion ?? 'a base without a version'} from ${subject.base}`];
  for (const f of report.findings) {
    const code = f.code === undefined ? '' : ` (code ${f.code})`;
    const severity = f.accepted === undefined ? f.severity : `breaking, accepted by ${f.accepted.reviewer}: ${f.accepted.reason}`;
    lines.push('', `${severity} ${f.id} ${placeOf(f, subject)}${code}`, `  ${f.message}`);
    if (f.severity === 'breaking') lines.push(`  key: ${f.key}`);
  }
  lines.push('', summaryOf(report));
  return lines.join('\n');
}

function formatJson(report: CompatReport, subject: ReportSubject): string {
  const findings = report.findings.map((f) => ({ ...f, file: `${subject.specPath}/${f.file}` }));
  const json = {
    base: { label: subject.base, version: report.baseVersion ?? null },
    current: { version: report.currentVersion },
    passed: !report.failed,
    summary: countsOf(report),
    findings,
  };
  return JSON.stringify(json, null, 2);
}

/** GitHub Actions workflow commands: each finding becomes an annotation on its file and line. */
function formatGithub(report: CompatReport, subject: ReportSubject): string {
  const command: Record<Severity, string> = { breaking: 'error', warning: 'warning', info: 'notice' };
  const lines = report.findings.map((f) => {
    const kind = f.accepted === undefined ? command[f.severity] : 'notice';
    const properties = [`file=${subject.specPath}/${f.file}`, ...(f.line === undefined ? [] : [`line=${f.line}`]), `title=${f.id}`];
    const accepted = f.accepted === undefined ? '' : ` Accepted by ${f.accepted.reviewer}: ${f.accepted.reason}`;
    const key = f.severity === 'breaking' ? ` (key: ${f.key})` : '';
    return `::${kind} ${properties.map(escapeProperty).join(',')}::${escapeData(`${f.message}${key}${accepted}`)}`;
  });
  return [...lines, summaryOf(report)].join('\n');
}

function placeOf(f: ReportedFinding, subject: ReportSubject): string {
  return `${subject.specPath}/${f.file}${f.line === undefined ? '' : `:${f.line}`} #${f.pointer}`;
}

function countsOf(report: CompatReport): Record<'breaking' | 'accepted' | 'warning' | 'info', number> {
  const count = (test: (f: ReportedFinding) => boolean): number => report.findings.filter(test).length;
  return {
    breaking: count((f) => f.severity === 'breaking' && f.accepted === undefined),
    accepted: count((f) => f.accepted !== undefined),
    warning: count((f) => f.severity === 'warning'),
    info: count((f) => f.severity === 'info'),
  };
}

function summaryOf(report: CompatReport): string {
  const counts = countsOf(report);
  const listed = `${counts.breaking} breaking, ${counts.accepted} accepted, ${counts.warning} warning${counts.warning === 1 ? '' : 's'}, ${counts.info} info`;
  if (!report.failed) return `check: passed (${listed}).`;
  return `check: failed (${listed}). Undo each breaking change, or have it reviewed and accepted: README.md, "Compatibility check".`;
}

/** Workflow command escaping (the message). */
function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Workflow command escaping (a `key=value` property: its value may not hold `:` or `,`). */
function escapeProperty(property: string): string {
  const at = property.indexOf('=');
  return `${property.slice(0, at)}=${escapeData(property.slice(at + 1))
    .replace(/:/g, '%3A')
    .replace(/,/g, '%2C')}`;
}

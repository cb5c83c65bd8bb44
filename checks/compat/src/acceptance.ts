import { getAtPointer, isRecord, SPEC_LAYOUT } from '@iotv1/generator-kit';
import { type Acceptance, type Finding, finding, keyOf } from './finding.js';
import { majorOf } from './version.js';

/** Where a reviewed breaking change is recorded: a list in `info` of openapi.yaml. */
const ACCEPTANCES_POINTER = '/info/x-accepted-breaking-changes';

const FIELDS = ['finding', 'version', 'reason', 'reviewer'] as const;

export interface AcceptanceContext {
  readonly baseVersion: string | undefined;
  readonly currentVersion: string;
  /** CHANGELOG.md of the repository (empty when there is none). */
  readonly changelog: string;
}

export interface Judged {
  /** Accepted findings by key. */
  readonly accepted: ReadonlyMap<string, Acceptance>;
  /** Problems with the acceptances themselves. */
  readonly findings: readonly Finding[];
}

/**
 * Honours the acceptances of this version (`version` equal to the current spec's; older entries are the record
 * of earlier releases) for breaking findings outside the registry, when the contract went up a major version and
 * CHANGELOG.md names the finding's key. An acceptance therefore always leaves a trace in the spec and the changelog.
 */
export function judgeAcceptances(openapi: unknown, breaking: readonly Finding[], context: AcceptanceContext): Judged {
  const declared = getAtPointer(openapi, ACCEPTANCES_POINTER);
  const findings: Finding[] = [];
  const accepted = new Map<string, Acceptance>();
  if (declared === undefined) return { accepted, findings };
  if (!Array.isArray(declared)) {
    findings.push(invalid(ACCEPTANCES_POINTER, '"x-accepted-breaking-changes" must be a list of { finding, version, reason, reviewer }.'));
    return { accepted, findings };
  }
  const byKey = new Map(breaking.map((f) => [keyOf(f), f]));
  declared.forEach((entry: unknown, index) => {
    const pointer = `${ACCEPTANCES_POINTER}/${index}`;
    const missing = FIELDS.filter((field) => !isRecord(entry) || typeof entry[field] !== 'string' || entry[field].trim() === '');
    if (!isRecord(entry) || missing.length > 0) {
      const lacks = missing.map((f) => `"${f}"`).join(', ');
      findings.push(
        invalid(
          pointer,
          `This accepted breaking change lacks ${lacks}: each one needs "finding" (the key the check prints), "version", "reason" and "reviewer".`,
        ),
      );
      return;
    }
    const [key, version, reason, reviewer] = FIELDS.map((field) => entry[field] as string) as [string, string, string, string];
    if (version !== context.currentVersion) return;
    const target = byKey.get(key);
    if (target === undefined) {
      const message = `The accepted breaking change "${key}" matches no breaking finding of this comparison: copy the key the check prints, or remove the entry.`;
      findings.push(finding('acceptance/unmatched', 'warning', SPEC_LAYOUT.openapi, pointer, message));
      return;
    }
    const unmet = unmetConditions(target, key, context);
    if (unmet.length > 0) {
      const message = `The acceptance of "${key}" is not honoured: ${unmet.join('; ')}.`;
      findings.push(finding('acceptance/not-honoured', 'breaking', SPEC_LAYOUT.openapi, pointer, message));
      return;
    }
    accepted.set(key, { reviewer, reason, version });
  });
  return { accepted, findings };
}

/** Why an acceptance of `target` cannot be honoured; empty when it can. */
function unmetConditions(target: Finding, key: string, context: AcceptanceContext): string[] {
  // The registry's promise holds in every version: a device in the field does not know which version it speaks.
  if (/^(registry|spec)\//.test(target.id)) {
    return ['registry findings cannot be accepted, in any version: give a new meaning a new code, and a new code a new version'];
  }
  const [now, was] = [majorOf(context.currentVersion), majorOf(context.baseVersion)];
  return [
    ...(now !== undefined && was !== undefined && now > was
      ? []
      : [`info.version must go up a major version (the base is ${context.baseVersion ?? 'unknown'}, this is ${context.currentVersion})`]),
    ...(context.changelog.includes(key) ? [] : [`CHANGELOG.md must name "${key}"`]),
  ];
}

function invalid(pointer: string, message: string): Finding {
  return finding('acceptance/invalid', 'breaking', SPEC_LAYOUT.openapi, pointer, message);
}

import { SPEC_LAYOUT } from '@iotv1/generator-kit';
import { type Finding, finding } from './finding.js';
import { normaliseText, sameMeaningReason } from './meaning.js';
import { isRetired, type RegistryEntry, textOf } from './registry-entries.js';
import { compareVersions } from './version.js';

const FILE = SPEC_LAYOUT.registry;

/** The parts of a code that never change once released, and why each one matters to an old client. */
const FIXED_FIELDS = [
  { key: 'title', id: 'registry/message-changed', what: 'message', why: 'people and older tools know the code by it' },
  {
    key: 'description',
    id: 'registry/meaning-changed',
    what: 'meaning',
    why: 'clients act on the meaning they were built with (a code given a second meaning is how code "40" broke the device SDKs that relied on its first)',
  },
  { key: 'x-category', id: 'registry/category-changed', what: 'category', why: 'clients classify the code by it' },
  {
    key: 'x-error-type',
    id: 'registry/error-type-changed',
    what: 'error type',
    why: 'apps and devices match on it (MQTT acknowledgements carry only error.type)',
  },
  { key: 'x-http-status', id: 'registry/http-status-changed', what: 'HTTP status', why: 'clients that fall back to the HTTP status map it to this code' },
  { key: 'x-retryable', id: 'registry/retryable-changed', what: 'retryable flag', why: 'devices decide from it whether to send the same request again' },
] as const;

const TEXT_FIELDS: ReadonlySet<string> = new Set(['title', 'description']);

export interface Versions {
  readonly base: string | undefined;
  readonly current: string;
}

/** Compares two registries: codes are only ever added, and an existing code never changes. */
export function compareRegistry(base: readonly RegistryEntry[], current: readonly RegistryEntry[], versions: Versions): Finding[] {
  const findings: Finding[] = [];
  const currentByCode = new Map(current.map((entry) => [entry.code, entry]));
  const baseCodes = new Set(base.map((entry) => entry.code));
  for (const before of base) {
    const after = currentByCode.get(before.code);
    findings.push(...(after === undefined ? [removed(before)] : changed(before, after)));
  }
  const added = current.filter((entry) => !baseCodes.has(entry.code)).sort((a, b) => a.code - b.code);
  const existing = current.filter((entry) => baseCodes.has(entry.code) && !isRetired(entry)).sort((a, b) => a.code - b.code);
  for (const entry of added) findings.push(...addedFindings(entry, existing, versions.current));
  if (added.length > 0 && (compareVersions(versions.current, versions.base) ?? 1) <= 0) {
    const codes = added.map((entry) => entry.code).join(', ');
    findings.push(
      finding(
        'spec/version-not-raised',
        'breaking',
        SPEC_LAYOUT.openapi,
        '/info/version',
        `Code${added.length === 1 ? '' : 's'} ${codes} ${added.length === 1 ? 'was' : 'were'} added, but info.version is ${versions.current} and the base is ${versions.base}: raise info.version in both specs, so that two different registries never share one version.`,
      ),
    );
  }
  return findings;
}

function removed(entry: RegistryEntry): Finding {
  if (isRetired(entry)) {
    return finding(
      'registry/tombstone-removed',
      'breaking',
      FILE,
      entry.pointer,
      `Retired code ${entry.code} was deleted. Its tombstone is what keeps the number from being given a new meaning: put the entry back.`,
      entry.code,
    );
  }
  return finding(
    'registry/code-removed',
    'breaking',
    FILE,
    entry.pointer,
    `Code ${entry.code} (${JSON.stringify(textOf(entry, 'title'))}) was deleted, but clients built against the base still receive and handle it. Retire a code instead: keep its entry with "deprecated": true and "x-retired-reason".`,
    entry.code,
  );
}

function changed(before: RegistryEntry, after: RegistryEntry): Finding[] {
  const { code } = after;
  if (isRetired(before) && !isRetired(after)) {
    return [
      finding(
        'registry/tombstone-reused',
        'breaking',
        FILE,
        after.pointer,
        `Retired code ${code} is in use again. Old clients still read ${code} as ${JSON.stringify(textOf(before, 'description'))}; a retired number is never reused, so give the new meaning a new code.`,
        code,
      ),
    ];
  }
  const findings: Finding[] = FIXED_FIELDS.flatMap(({ key, id, what, why }) => {
    const [was, now] = [before.fields[key], after.fields[key]];
    if (sameValue(was, now, TEXT_FIELDS.has(key))) return [];
    const message = `Code ${code}'s ${what} changed from ${shown(was)} to ${shown(now)}, but ${why}. An existing code never changes: add a new code for the new ${what}.`;
    return [finding(id, 'breaking', FILE, `${after.pointer}/${key}`, message, code)];
  });
  if (!isRetired(before) && isRetired(after)) {
    const reason = after.fields['x-retired-reason'];
    const message = `Code ${code} (${JSON.stringify(textOf(after, 'title'))}) is retired (${typeof reason === 'string' ? reason : 'no reason given'}); its entry stays as a tombstone, so its number is never reused.`;
    findings.push(finding('registry/code-retired', 'info', FILE, `${after.pointer}/deprecated`, message, code));
  }
  return findings;
}

function addedFindings(entry: RegistryEntry, existing: readonly RegistryEntry[], version: string): Finding[] {
  const { code } = entry;
  const title = textOf(entry, 'title');
  const findings = [
    finding(
      'registry/code-added',
      'info',
      FILE,
      entry.pointer,
      `Code ${code} (${JSON.stringify(title)}) is new in ${version}. Clients built before it classify it by its class (${Math.floor(code / 1000)}xxx) until they update.`,
      code,
    ),
  ];
  const since = entry.fields['x-since'];
  if (since !== version) {
    const message = `New code ${code} says "x-since": ${shown(since)}, but it arrives in ${version}: set "x-since" to "${version}", or clients of ${shown(since)} believe they know it.`;
    findings.push(finding('registry/since-mismatch', 'breaking', FILE, `${entry.pointer}/x-since`, message, code));
  }
  if (isRetired(entry)) return findings;
  const added = { message: title, meaning: textOf(entry, 'description') };
  for (const other of existing) {
    const reason = sameMeaningReason(added, { message: textOf(other, 'title'), meaning: textOf(other, 'description') });
    if (reason === undefined) continue;
    const message = `New code ${code} (${JSON.stringify(title)}: ${JSON.stringify(added.meaning)}) has ${reason} as existing code ${other.code} (${JSON.stringify(textOf(other, 'title'))}: ${JSON.stringify(textOf(other, 'description'))}). Make sure it is a new meaning and not a second code for one condition.`;
    findings.push(finding('registry/duplicate-meaning', 'warning', FILE, entry.pointer, message, code));
    break;
  }
  return findings;
}

function sameValue(a: unknown, b: unknown, text: boolean): boolean {
  if (text && typeof a === 'string' && typeof b === 'string') return normaliseText(a) === normaliseText(b);
  return JSON.stringify(a) === JSON.stringify(b);
}

function shown(value: unknown): string {
  return value === undefined ? '(none)' : JSON.stringify(value);
}

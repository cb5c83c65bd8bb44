import type { Diagnostic } from '@iotv1/generator-kit';
import { actionOfCode, CATEGORIES, CATEGORY_OF_CLASS, type Category, isRecord, type ResponseCode } from '@iotv1/generator-kit';
import type { SourceFile } from './source.js';
import { at, SPEC_LAYOUT } from './spec-files.js';
import { compareVersions, isVersion } from './version.js';

export interface RegistryRead {
  /** The entries that passed every rule, sorted by code. */
  readonly codes: ResponseCode[];
  /** Every code the registry defines, valid or not, so other checks do not report a bad entry as missing. */
  readonly defined: ReadonlySet<number>;
  readonly diagnostics: Diagnostic[];
}

/**
 * Reads the registry (`oneOf` of `const` entries) and checks its rules: a code is defined once, has one error
 * type and one HTTP status, an error type belongs to one code, and the category agrees with the code's class.
 */
export function readRegistry(file: SourceFile, specVersion: string | undefined): RegistryRead {
  const diagnostics: Diagnostic[] = [];
  const problem = (pointer: string, message: string, rule: string): void => void diagnostics.push(at(file, pointer, message, rule));
  const root = file.data;
  if (!isRecord(root) || !Array.isArray(root.oneOf)) {
    problem('', 'The registry must be a JSON Schema whose "oneOf" lists one entry per response code.', 'registry/shape');
    return { codes: [], defined: new Set(), diagnostics };
  }

  const codes: ResponseCode[] = [];
  const firstByCode = new Map<number, string>();
  const firstByErrorType = new Map<string, string>();
  const firstByName = new Map<string, string>();
  root.oneOf.forEach((entry: unknown, index) => {
    const pointer = `/oneOf/${index}`;
    const read = readEntry(entry, pointer, specVersion, problem);
    if (read === undefined) return;
    const sameCode = claim(firstByCode, read.code, pointer);
    if (sameCode !== undefined) {
      problem(
        `${pointer}/const`,
        `Code ${read.code} is already defined at #${sameCode}; a code is defined once and its meaning never changes.`,
        'registry/duplicate-code',
      );
      return;
    }
    const sameErrorType = read.errorType === null ? undefined : claim(firstByErrorType, read.errorType, pointer);
    if (sameErrorType !== undefined) {
      problem(
        `${pointer}/x-error-type`,
        `Error type "${read.errorType}" already belongs to the code at #${sameErrorType}; an error type belongs to one code.`,
        'registry/duplicate-error-type',
      );
      return;
    }
    const sameName = claim(firstByName, read.constantName, pointer);
    if (sameName !== undefined) {
      problem(
        pointer,
        `Code ${read.code} gets the constant name ${read.constantName}, which the code at #${sameName} already has; give one of them a distinct error type or message.`,
        'registry/duplicate-name',
      );
      return;
    }
    codes.push(read);
  });
  checkFallbacks(codes, root.oneOf, problem);
  const defined = new Set(root.oneOf.flatMap((entry: unknown) => (isRecord(entry) && typeof entry.const === 'number' ? [entry.const] : [])));
  return { codes: codes.sort((a, b) => a.code - b.code), defined, diagnostics };
}

/** Records `pointer` as the first holder of `key`, or returns the pointer that already holds it. */
function claim<K>(seen: Map<K, string>, key: K, pointer: string): string | undefined {
  const first = seen.get(key);
  if (first === undefined) seen.set(key, pointer);
  return first;
}

type Problem = (pointer: string, message: string, rule: string) => void;

function readEntry(entry: unknown, pointer: string, specVersion: string | undefined, problem: Problem): ResponseCode | undefined {
  if (!isRecord(entry)) return void problem(pointer, 'A registry entry must be an object.', 'registry/shape');
  const code = entry.const;
  if (typeof code !== 'number' || !Number.isInteger(code)) {
    return void problem(`${pointer}/const`, 'A registry entry needs "const": the code, an integer.', 'registry/shape');
  }
  let valid = true;
  // Every problem of an entry names its code: a pointer such as #/oneOf/5 alone does not say which code it is.
  const fail: Problem = (p, m, r) => {
    valid = false;
    problem(p, new RegExp(`\\b${code}\\b`).test(m) ? m : `Code ${code}: ${m}`, r);
  };
  const codeClass = Math.floor(code / 1000);
  const expectedCategory = CATEGORY_OF_CLASS[codeClass];
  if (code < 1000 || code > 9999 || expectedCategory === undefined) {
    fail(
      `${pointer}/const`,
      `Code ${code} is outside the code space: codes have four digits and start with 2 (success), 4 (client error) or 5 (server error).`,
      'registry/code-class',
    );
  }
  const message = requireString(entry, 'title', pointer, fail, `the code's message (for example "Too Many Requests")`);
  const meaning = requireString(entry, 'description', pointer, fail, `the code's meaning`);
  const category = entry['x-category'];
  if (!CATEGORIES.includes(category as Category)) {
    fail(`${pointer}/x-category`, `"x-category" must be one of ${CATEGORIES.map((c) => `"${c}"`).join(', ')}.`, 'registry/shape');
  } else if (expectedCategory !== undefined && category !== expectedCategory) {
    fail(
      `${pointer}/x-category`,
      `Code ${code} is in the ${codeClass}xxx class, so its category must be "${expectedCategory}", not "${String(category)}".`,
      'registry/category-mismatch',
    );
  }
  const errorType = entry['x-error-type'];
  if (category === 'Success') {
    if (errorType !== undefined) fail(`${pointer}/x-error-type`, `Success code ${code} must not have an error type.`, 'registry/error-type');
  } else if (typeof errorType !== 'string') {
    fail(
      `${pointer}/x-error-type`,
      `Code ${code} needs "x-error-type": its readable label, such as "rate_limited" (${SPEC_LAYOUT.errorType} says what a label may hold).`,
      'registry/error-type',
    );
  }
  const httpStatus = entry['x-http-status'];
  if (typeof httpStatus !== 'number' || !Number.isInteger(httpStatus) || httpStatus < 100 || httpStatus > 599) {
    fail(`${pointer}/x-http-status`, `Code ${code} needs "x-http-status": one HTTP status, an integer from 100 to 599.`, 'registry/http-status');
  } else if (expectedCategory !== undefined && Math.floor(httpStatus / 100) !== codeClass) {
    fail(
      `${pointer}/x-http-status`,
      `Code ${code} is in the ${codeClass}xxx class, so its HTTP status must be ${codeClass}xx, not ${httpStatus}.`,
      'registry/http-status',
    );
  }
  const retryable = entry['x-retryable'];
  if (typeof retryable !== 'boolean') fail(`${pointer}/x-retryable`, `Code ${code} needs "x-retryable": true or false.`, 'registry/shape');
  const since = entry['x-since'];
  if (typeof since !== 'string' || !isVersion(since)) {
    fail(`${pointer}/x-since`, `Code ${code} needs "x-since": the spec version that added it (for example "1.2.0").`, 'registry/since');
  } else if (specVersion !== undefined && isVersion(specVersion) && compareVersions(since, specVersion) > 0) {
    fail(
      `${pointer}/x-since`,
      `Code ${code} says it arrived in ${since}, after the spec's own version ${specVersion}; raise info.version in both specs.`,
      'registry/since',
    );
  }
  const anchor = entry.$anchor;
  if (anchor !== undefined && anchor !== `code-${code}`) {
    fail(
      `${pointer}/$anchor`,
      `The anchor of code ${code} must be "code-${code}", not "${String(anchor)}", so that references name the code they mean.`,
      'registry/anchor',
    );
  }
  const fallback = entry['x-http-fallback'];
  if (fallback !== undefined && typeof fallback !== 'boolean') fail(`${pointer}/x-http-fallback`, '"x-http-fallback" must be true or false.', 'registry/shape');
  const retiredReason = entry['x-retired-reason'];
  const deprecated = entry.deprecated === true;
  if (deprecated && (typeof retiredReason !== 'string' || retiredReason.trim() === '')) {
    fail(`${pointer}/x-retired-reason`, `Retired code ${code} needs "x-retired-reason": why it was retired. Its number stays reserved.`, 'registry/tombstone');
  } else if (!deprecated && retiredReason !== undefined) {
    fail(`${pointer}/deprecated`, `Code ${code} has "x-retired-reason" but is not marked "deprecated": true.`, 'registry/tombstone');
  }
  if (!valid) return undefined;
  const kind = { category: category as Category, retryable: retryable as boolean, httpStatus: httpStatus as number };
  return {
    code,
    message: message!,
    meaning: meaning!,
    category: category as Category,
    errorType: typeof errorType === 'string' ? errorType : null,
    httpStatus: httpStatus as number,
    retryable: retryable as boolean,
    action: actionOfCode(kind),
    since: since as string,
    httpFallback: fallback === true,
    retired: deprecated ? { reason: retiredReason as string } : null,
    constantName: constantNameOf(typeof errorType === 'string' ? errorType : message!),
  };
}

function requireString(entry: Record<string, unknown>, key: string, pointer: string, fail: Problem, what: string): string | undefined {
  const value = entry[key];
  if (typeof value === 'string' && value.trim() !== '') return value;
  fail(`${pointer}/${key}`, `The entry needs "${key}": ${what}.`, 'registry/shape');
  return undefined;
}

/** `rate_limited` -> `RATE_LIMITED`, `Ok` -> `OK`. */
function constantNameOf(label: string): string {
  const name = label
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return /^[A-Z]/.test(name) ? name : `CODE_${name}`;
}

/**
 * The HTTP-status fallback maps a status to one code. When several active codes share a status, exactly one
 * of them must say `x-http-fallback: true`; with a single code the mapping is implied.
 */
function checkFallbacks(codes: ResponseCode[], entries: unknown[], problem: Problem): void {
  const byStatus = new Map<number, ResponseCode[]>();
  for (const c of codes) if (c.retired === null) byStatus.set(c.httpStatus, [...(byStatus.get(c.httpStatus) ?? []), c]);
  const pointerOf = (code: number): string => `/oneOf/${entries.findIndex((e) => isRecord(e) && e.const === code)}`;
  for (const [status, shared] of byStatus) {
    const marked = shared.filter((c) => c.httpFallback);
    if (shared.length === 1 && marked.length === 0) {
      codes[codes.indexOf(shared[0]!)] = { ...shared[0]!, httpFallback: true };
    } else if (marked.length !== 1) {
      const list = shared.map((c) => c.code).join(', ');
      problem(
        pointerOf(shared[shared.length - 1]!.code),
        `Codes ${list} share HTTP status ${status}; mark exactly one of them "x-http-fallback": true so a response without a code maps to one code.`,
        'registry/http-fallback',
      );
    }
  }
  for (const c of codes) {
    if (c.retired !== null && c.httpFallback)
      problem(`${pointerOf(c.code)}/x-http-fallback`, `Retired code ${c.code} cannot be the HTTP fallback.`, 'registry/http-fallback');
  }
}

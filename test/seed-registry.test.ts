import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadContract } from '@iotv1/generator-core';
import type { ResponseCode } from '@iotv1/generator-kit';
import { RESPONSE_CODES } from '@iotv1/registry';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, SPEC_DIR } from './support/workspace.js';

/**
 * The registry must match the reference table of the iot/v1 response codes exactly. The expected values come from
 * that document (kept in the repository, as the platform published it for 1.0), the actual ones from the spec and
 * the package generated from it.
 */
const SEED = join(REPO_ROOT, 'docs/reference/response-codes-1.0.txt');
const CATEGORIES = ['Success', 'Client Error', 'Server Error'];

interface SeedRow {
  readonly code: number;
  /** "Message Meaning" as the table writes them: one space between, so the split is checked as a whole. */
  readonly messageAndMeaning: string;
  readonly category: string;
  readonly errorType: string | null;
}

/** The fields of an entry that make up its meaning (the model also has derived ones, such as constantName). */
function meaningFields(entry: Omit<ResponseCode, 'constantName' | 'retired' | 'httpFallback'>) {
  const { code, message, meaning, category, errorType, httpStatus, retryable, since } = entry;
  return { code, message, meaning, category, errorType, httpStatus, retryable, since };
}

function readSeedTable(text: string): SeedRow[] {
  const table = text.slice(text.indexOf('Response code registry'), text.indexOf('Existing meanings are stable'));
  return table
    .split('\n')
    .filter((line) => /^\d{4} /.test(line))
    .map((line) => {
      const [, code, rest] = /^(\d{4}) (.*)$/.exec(line.trim())!;
      const errorType = rest!.slice(rest!.lastIndexOf(' ') + 1);
      const withoutType = rest!.slice(0, rest!.lastIndexOf(' '));
      const category = CATEGORIES.find((c) => withoutType.endsWith(` ${c}`))!;
      return {
        code: Number(code),
        messageAndMeaning: withoutType.slice(0, -category.length - 1),
        category,
        errorType: errorType === 'n/a' ? null : errorType,
      };
    });
}

describe('the registry against the reference table', () => {
  it('finds the reference document', () => {
    expect(existsSync(SEED), `${SEED} is missing`).toBe(true);
  });
  const seed = existsSync(SEED) ? readSeedTable(readFileSync(SEED, 'utf8')) : [];

  it('reads all 12 rows of the reference table', () => {
    expect(seed).toHaveLength(12);
  });

  it.each(seed.map((row) => [row.code, row] as const))('code %i has the reference message, meaning, category and error type', (code, row) => {
    const entry = RESPONSE_CODES.find((e) => e.code === code);
    expect(entry, `code ${code} is missing from @iotv1/registry`).toBeDefined();
    expect(`${entry!.message} ${entry!.meaning}`).toBe(row.messageAndMeaning);
    expect(entry!.meaning).toMatch(/^[A-Z]/); // the split falls before the meaning's capitalised first word
    expect(entry!.category).toBe(row.category);
    expect(entry!.errorType).toBe(row.errorType);
    expect(entry!.since).toBe('1.0.0');
  });

  it('adds only codes that arrived after 1.0.0 (codes are only ever added)', () => {
    const added = RESPONSE_CODES.filter((entry) => !seed.some((row) => row.code === entry.code));
    for (const entry of added) expect(entry.since, `code ${entry.code}`).not.toBe('1.0.0');
  });

  it('is what the spec says today (the generated package is not stale)', async () => {
    const model = await loadContract(SPEC_DIR);
    expect(model.registry.map(meaningFields)).toEqual(RESPONSE_CODES.map(meaningFields));
  });
});

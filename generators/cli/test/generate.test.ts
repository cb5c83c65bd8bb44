import { appendFileSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ContractModel } from '@iotv1/generator-kit';
import { afterAll, describe, expect, it } from 'vitest';
import { type GenerateOptions, generate } from '../src/generate.js';
import { stampPath } from '../src/stamp.js';
import type { TargetRunner } from '../src/target-runner.js';

/**
 * One `generate` run after another in a temporary root holding the base fixture spec, with a stand-in target that
 * writes the contract's version and hash: the fast path skips the targets when nothing changed, and only then.
 */

const BASE_SPEC = fileURLToPath(new URL('../../../test/fixtures/specs/base', import.meta.url));
const root = mkdtempSync(join(tmpdir(), 'iotv1-generate-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
cpSync(BASE_SPEC, join(root, 'spec'), { recursive: true });

const GEN = 'packages/a/src/gen';
const OUTPUT = `${GEN}/contract.txt`;
const content = (model: ContractModel): string => `${model.version} ${model.contentHash}\n`;

/** How often the targets ran, and what was logged. */
const runs: ContractModel[] = [];
const log: string[] = [];
const errors: string[] = [];
const target: TargetRunner = async (model) => {
  runs.push(model);
  return { outDirs: [GEN], files: [{ path: OUTPUT, content: content(model) }] };
};

function options(check: boolean): GenerateOptions {
  log.length = 0;
  errors.length = 0;
  return { root, specDir: join(root, 'spec'), targets: () => target, check, log: (line) => log.push(line), error: (line) => errors.push(line) };
}

// One story, in order: each step starts from where the previous one left the root.
describe.sequential('generate, run after run', () => {
  it('writes the targets’ files and a stamp on a first run', async () => {
    expect(await generate(options(false))).toBe('written');
    expect(runs).toHaveLength(1);
    expect(readFileSync(join(root, OUTPUT), 'utf8')).toBe(content(runs[0]!));
    expect(existsSync(stampPath(root))).toBe(true);
    expect(log.join('\n')).toContain(`wrote ${OUTPUT}`);
  });

  it('takes the fast path when nothing changed: the targets do not run', async () => {
    expect(await generate(options(false))).toBe('up-to-date');
    expect(runs).toHaveLength(1);
    expect(log.join('\n')).toContain('up to date');
  });

  it('--check never trusts the stamp: it finds an output edited by hand, names it and the fix, writes nothing', async () => {
    appendFileSync(join(root, OUTPUT), 'edited by hand\n');
    expect(await generate(options(true))).toBe('stale');
    expect(runs).toHaveLength(2);
    expect(errors.join('\n')).toContain(`${OUTPUT} (differs from what the spec produces)`);
    expect(errors.join('\n')).toContain('Run `pnpm generate`');
    expect(readFileSync(join(root, OUTPUT), 'utf8')).toContain('edited by hand');
  });

  it('does not take the fast path past an edited output: it runs the targets and restores the file', async () => {
    expect(await generate(options(false))).toBe('written');
    expect(runs).toHaveLength(3);
    expect(readFileSync(join(root, OUTPUT), 'utf8')).toBe(content(runs[0]!));
  });

  it('reports a spec problem and changes no file', async () => {
    appendFileSync(join(root, 'spec/schemas/response-code.schema.json'), ',');
    const before = readFileSync(join(root, OUTPUT), 'utf8');
    expect(await generate(options(false))).toBe('invalid-spec');
    expect(errors.join('\n')).toMatch(/the spec has \d+ problems?; no file was changed/);
    expect(readFileSync(join(root, OUTPUT), 'utf8')).toBe(before);
  });
});

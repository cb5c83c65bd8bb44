import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { type CliRun, generateInProcess, REPO_ROOT, runGenerate, snapshotTree, tempRootWithSpec } from './support/workspace.js';

const BASE_SPEC = join(REPO_ROOT, 'test/fixtures/specs/base');
const BROKEN = join(REPO_ROOT, 'test/fixtures/broken');

/** One diagnostic as the CLI prints it; `line` is absent when it names none. */
interface Reported {
  readonly file: string;
  readonly pointer: string;
  readonly rule: string;
  readonly message: string;
  readonly line?: number;
}

/** `test/fixtures/broken/<name>/case.json`; `message` is a substring of the reported one. */
interface BrokenCase {
  readonly description: string;
  readonly remove?: readonly string[];
  readonly expect: readonly Reported[];
}

/** Parses `<file>[:<line>[:<col>]] #<pointer>` + `  <message> [<rule>]` pairs after the summary line. */
function parseDiagnostics(stderr: string): Reported[] {
  const [summary = '', ...lines] = stderr.split('\n').filter((line) => line !== '');
  const count = /^generate: the spec has (\d+) problems?; no file was changed\.$/.exec(summary)?.[1];
  if (count === undefined) throw new Error(`no problem summary in:\n${stderr}`);
  const reported: Reported[] = [];
  for (let i = 0; i < lines.length; i += 2) {
    const where = /^(\S+?)(?::(\d+)(?::\d+)?)? #(.*)$/.exec(lines[i] ?? '');
    const what = /^ {2}(.*) \[([^\]]+)\]$/.exec(lines[i + 1] ?? '');
    if (where === null || what === null) throw new Error(`not a diagnostic:\n${lines[i]}\n${lines[i + 1]}`);
    const [, file = '', line, pointer = ''] = where;
    const [, message = '', rule = ''] = what;
    reported.push({ file, pointer, rule, message, ...(line !== undefined && { line: Number(line) }) });
  }
  // A miscount means the parser skipped or invented a diagnostic.
  expect(reported).toHaveLength(Number(count));
  return reported;
}

/** Order-free comparison: sorted by place and rule (ties keep their listed order). */
function byPlace(list: readonly Reported[]): Reported[] {
  const key = (d: Reported): string => `${d.file} #${d.pointer} [${d.rule}]`;
  return [...list].sort((a, b) => key(a).localeCompare(key(b)));
}

const cases = readdirSync(BROKEN)
  .sort()
  .map((name) => ({ name, dir: join(BROKEN, name), ...(JSON.parse(readFileSync(join(BROKEN, name, 'case.json'), 'utf8')) as BrokenCase) }));

describe('broken specs', () => {
  // Every case starts from a root where the base spec has been generated, so there is output a bad run could damage.
  let generated: string;
  let baseRun: CliRun;
  beforeAll(() => {
    generated = tempRootWithSpec(BASE_SPEC);
    baseRun = runGenerate(generated);
  });
  afterAll(() => rmSync(generated, { recursive: true, force: true }));

  it('the base spec generates', () => {
    expect(baseRun.status, baseRun.stderr).toBe(0);
  });

  // In this process (the CLI's own `generate`), so the spec parsers load once; the base run above is the real CLI.
  it.each(cases)('$name', async ({ dir, remove = [], expect: expected }) => {
    const root = mkdtempSync(join(tmpdir(), 'iotv1-broken-'));
    onTestFinished(() => rmSync(root, { recursive: true, force: true }));
    cpSync(generated, root, { recursive: true });
    if (existsSync(join(dir, 'spec'))) cpSync(join(dir, 'spec'), join(root, 'spec'), { recursive: true });
    for (const path of remove) rmSync(join(root, 'spec', path), { recursive: true });
    const before = snapshotTree(root);

    const run = await generateInProcess(root);

    expect(run.status, run.stdout + run.stderr).toBe(1);
    const actual = byPlace(parseDiagnostics(run.stderr));
    const wanted = byPlace(expected);
    const place = ({ file, pointer, rule }: Reported) => ({ file, pointer, rule });
    expect(actual.map(place), run.stderr).toEqual(wanted.map(place));
    for (const [i, want] of wanted.entries()) {
      expect(actual[i]?.message).toContain(want.message);
      if (want.line !== undefined) expect(actual[i]?.line, actual[i]?.message).toBe(want.line);
    }
    expect(snapshotTree(root)).toEqual(before);
  });
});

import { appendFileSync, cpSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { hashInputs, isUpToDate, stampPath, writeStamp } from '../src/stamp.js';

/** The no-change fast path: the stamp says when neither inputs nor outputs changed since the last run. */

const BASE_SPEC = fileURLToPath(new URL('../../../test/fixtures/specs/base', import.meta.url));
const temp = mkdtempSync(join(tmpdir(), 'iotv1-stamp-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));
let dirs = 0;
const freshDir = (): string => join(temp, `dir-${dirs++}`);

const GEN = 'packages/a/src/gen';
const OUTPUTS = [
  { path: `${GEN}/a.ts`, content: 'a\n' },
  { path: `${GEN}/deep/b.h`, content: 'b\n' },
];

/** A root as a successful run with inputs `inputs` leaves it: its outputs on disk, and the stamp. */
function stampedRoot(inputs: string): string {
  const root = freshDir();
  for (const { path, content } of OUTPUTS) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  mkdirSync(join(root, 'packages/a/src'), { recursive: true });
  writeFileSync(join(root, 'packages/a/src/index.ts'), 'hand-written\n');
  writeStamp(root, inputs, [GEN], OUTPUTS);
  return root;
}

const CASES: [string, { given: { inputs: string; change: (root: string) => void }; want: boolean }][] = [
  ['as the last run left it', { given: { inputs: 'h1', change: () => {} }, want: true }],
  [
    'a hand-written file beside the outDir edited',
    { given: { inputs: 'h1', change: (root) => appendFileSync(join(root, 'packages/a/src/index.ts'), 'x') }, want: true },
  ],
  ['other inputs (spec or generators changed)', { given: { inputs: 'h2', change: () => {} }, want: false }],
  ['an output edited by hand', { given: { inputs: 'h1', change: (root) => appendFileSync(join(root, GEN, 'deep/b.h'), 'x') }, want: false }],
  ['an output deleted', { given: { inputs: 'h1', change: (root) => rmSync(join(root, GEN, 'a.ts')) }, want: false }],
  ['a file added to the outDir', { given: { inputs: 'h1', change: (root) => writeFileSync(join(root, GEN, 'extra.ts'), '') }, want: false }],
  ['no stamp', { given: { inputs: 'h1', change: (root) => rmSync(stampPath(root)) }, want: false }],
  ['a stamp that is not JSON', { given: { inputs: 'h1', change: (root) => writeFileSync(stampPath(root), '{"inputs": "h1", ') }, want: false }],
];

describe('isUpToDate after writeStamp', () => {
  it.each(CASES)('%s', (_, { given, want }) => {
    const root = stampedRoot('h1');
    given.change(root);
    expect(isUpToDate(root, given.inputs)).toBe(want);
  });

  it('keeps the stamp out of the outputs and out of the tree a commit sees (node_modules/.cache)', () => {
    const root = freshDir();
    expect(stampPath(root)).toBe(join(root, 'node_modules/.cache/iotv1-generate/stamp.json'));
  });
});

describe('hashInputs', () => {
  /** A copy of the base fixture spec, optionally changed. */
  function specCopy(change: (dir: string) => void = () => {}): string {
    const dir = freshDir();
    cpSync(BASE_SPEC, dir, { recursive: true });
    change(dir);
    return dir;
  }

  it('is the same for the same spec, wherever it lives and however often it is asked', () => {
    const hash = hashInputs(BASE_SPEC);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hashInputs(BASE_SPEC)).toBe(hash);
    expect(hashInputs(specCopy())).toBe(hash);
  });

  it.each([
    ['one byte of a spec file', (dir: string) => appendFileSync(join(dir, 'openapi.yaml'), ' ')],
    ['a file added', (dir: string) => writeFileSync(join(dir, 'schemas/extra.schema.json'), '{}')],
    ['a file removed', (dir: string) => rmSync(join(dir, 'schemas/request-id.schema.json'))],
    ['a file renamed', (dir: string) => renameSync(join(dir, 'schemas/request-id.schema.json'), join(dir, 'schemas/request.schema.json'))],
  ])('changes with %s', (_, change) => {
    expect(hashInputs(specCopy(change))).not.toBe(hashInputs(BASE_SPEC));
  });
});

import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import type { GeneratedFile } from '@iotv1/generator-kit';
import { afterAll, describe, expect, it } from 'vitest';
import { applyWrite, planWrite } from '../src/writer.js';

/** The writer against real directories: it owns each outDir whole, writes only what changed, and all of it or none. */

const temp = mkdtempSync(join(tmpdir(), 'iotv1-writer-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));
let roots = 0;

/** A fresh root holding `files` (path -> content). */
function rootWith(files: Readonly<Record<string, string>>): string {
  const root = join(temp, `root-${roots++}`);
  mkdirSync(root);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

/** Every file under `root`: path -> content. */
function disk(root: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(root, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) files[relative(root, join(entry.parentPath, entry.name))] = readFileSync(join(entry.parentPath, entry.name), 'utf8');
  }
  return files;
}

const GEN = 'packages/a/src/gen';
const OTHER = 'packages/b/src/gen';
const file = (path: string, content: string): GeneratedFile => ({ path, content });

interface Given {
  /** On disk before the run. */
  readonly disk: Readonly<Record<string, string>>;
  readonly outDirs: readonly string[];
  readonly files: readonly GeneratedFile[];
}

interface Want {
  readonly changed: readonly string[];
  readonly unchanged: readonly string[];
  readonly removed: readonly string[];
  /** On disk after applying the plan. */
  readonly disk: Readonly<Record<string, string>>;
}

const CASES: [string, { given: Given; want: Want }][] = [
  [
    'an outDir that does not exist yet: every file is new, directories are made',
    {
      given: { disk: {}, outDirs: [GEN], files: [file(`${GEN}/b.ts`, 'b'), file(`${GEN}/deep/a.ts`, 'a')] },
      want: { changed: [`${GEN}/b.ts`, `${GEN}/deep/a.ts`], unchanged: [], removed: [], disk: { [`${GEN}/b.ts`]: 'b', [`${GEN}/deep/a.ts`]: 'a' } },
    },
  ],
  [
    'the same bytes are left alone; any other byte is a change, a final newline too',
    {
      given: {
        disk: { [`${GEN}/same.ts`]: 'same\n', [`${GEN}/edited.ts`]: 'by hand\n', [`${GEN}/newline.ts`]: 'x' },
        outDirs: [GEN],
        files: [file(`${GEN}/same.ts`, 'same\n'), file(`${GEN}/edited.ts`, 'generated\n'), file(`${GEN}/newline.ts`, 'x\n')],
      },
      want: {
        changed: [`${GEN}/edited.ts`, `${GEN}/newline.ts`],
        unchanged: [`${GEN}/same.ts`],
        removed: [],
        disk: { [`${GEN}/same.ts`]: 'same\n', [`${GEN}/edited.ts`]: 'generated\n', [`${GEN}/newline.ts`]: 'x\n' },
      },
    },
  ],
  [
    'a file in an outDir that is no longer produced is removed, at any depth; the files beside the outDir stay',
    {
      given: {
        disk: {
          [`${GEN}/kept.ts`]: 'kept',
          [`${GEN}/stale.ts`]: 'stale',
          [`${GEN}/deep/stale.h`]: 'stale',
          'packages/a/src/index.ts': 'hand-written',
          'packages/a/src/generated/look-alike.ts': 'hand-written',
          'packages/a/README.md': 'hand-written',
        },
        outDirs: [GEN],
        files: [file(`${GEN}/kept.ts`, 'kept')],
      },
      want: {
        changed: [],
        unchanged: [`${GEN}/kept.ts`],
        removed: [`${GEN}/deep/stale.h`, `${GEN}/stale.ts`],
        disk: {
          [`${GEN}/kept.ts`]: 'kept',
          'packages/a/src/index.ts': 'hand-written',
          'packages/a/src/generated/look-alike.ts': 'hand-written',
          'packages/a/README.md': 'hand-written',
        },
      },
    },
  ],
  [
    'several outDirs: each owned whole, one that produces nothing is emptied',
    {
      given: {
        disk: { [`${GEN}/a.ts`]: 'old', [`${OTHER}/b.ts`]: 'old', 'packages/c/src/gen/c.ts': 'not owned' },
        outDirs: [GEN, OTHER],
        files: [file(`${GEN}/a.ts`, 'new')],
      },
      want: {
        changed: [`${GEN}/a.ts`],
        unchanged: [],
        removed: [`${OTHER}/b.ts`],
        disk: { [`${GEN}/a.ts`]: 'new', 'packages/c/src/gen/c.ts': 'not owned' },
      },
    },
  ],
  [
    'files given in any order are planned sorted by path',
    {
      given: { disk: {}, outDirs: [GEN], files: [file(`${GEN}/z.ts`, 'z'), file(`${GEN}/a.ts`, 'a'), file(`${GEN}/m/b.ts`, 'b')] },
      want: {
        changed: [`${GEN}/a.ts`, `${GEN}/m/b.ts`, `${GEN}/z.ts`],
        unchanged: [],
        removed: [],
        disk: { [`${GEN}/a.ts`]: 'a', [`${GEN}/m/b.ts`]: 'b', [`${GEN}/z.ts`]: 'z' },
      },
    },
  ],
];

describe('planWrite and applyWrite', () => {
  it.each(CASES)('%s', (_, { given, want }) => {
    const root = rootWith(given.disk);
    const plan = planWrite(root, given.outDirs, given.files);
    expect(plan.changed.map((f) => f.path)).toEqual(want.changed);
    expect(plan.unchanged.map((f) => f.path)).toEqual(want.unchanged);
    expect(plan.removed).toEqual(want.removed);
    // Planning only looks.
    expect(disk(root)).toEqual(given.disk);

    applyWrite(plan);
    expect(disk(root)).toEqual(want.disk);
    // A second plan of the same files finds nothing to do.
    const again = planWrite(root, given.outDirs, given.files);
    expect([again.changed, again.removed]).toEqual([[], []]);
  });
});

describe('applyWrite is atomic', () => {
  it('changes nothing, removes nothing and leaves no temporary file when one file cannot be written', () => {
    const before = { [`${GEN}/a.ts`]: 'old a', [`${GEN}/c.ts`]: 'old c', [`${GEN}/stale.ts`]: 'stale', 'packages/a/src/index.ts': 'hand-written' };
    const root = rootWith(before);
    // `a.ts/inner.ts` cannot be made while a.ts is a file; it sorts after a.ts, whose new content is staged by then.
    const plan = planWrite(root, [GEN], [file(`${GEN}/a.ts`, 'new a'), file(`${GEN}/a.ts/inner.ts`, 'x'), file(`${GEN}/c.ts`, 'new c')]);
    expect(plan.changed.map((f) => f.path)).toEqual([`${GEN}/a.ts`, `${GEN}/a.ts/inner.ts`, `${GEN}/c.ts`]);
    expect(plan.removed).toEqual([`${GEN}/stale.ts`]);

    expect(() => applyWrite(plan)).toThrow();
    expect(disk(root)).toEqual(before);
  });

  it('leaves no temporary file beside a successful write either', () => {
    const root = rootWith({});
    applyWrite(planWrite(root, [GEN], [file(`${GEN}/a.ts`, 'a'), file(`${GEN}/deep/b.ts`, 'b')]));
    expect(Object.keys(disk(root)).sort()).toEqual([`${GEN}/a.ts`, `${GEN}/deep/b.ts`]);
  });
});

import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, removeTempRoots, runGenerate, tempRootWithSpec } from './support/workspace.js';

/**
 * A spec whose registry text tries to break out of C comments and strings: the generated header and source must
 * still compile clean as C89 and C++, and mean exactly what they meant.
 */
const HOSTILE = 'Ends */ a comment, opens /* one, "quotes" \\ backslash ??/ trigraph ??= more, new\nline, é ü 日本, #define OK 0';

describe('the C header from a hostile spec', () => {
  afterAll(removeTempRoots);

  it('compiles clean and keeps its meaning', (context) => {
    const root = tempRootWithSpec(join(REPO_ROOT, 'test/fixtures/specs/base'));
    const registryPath = join(root, 'spec/schemas/response-code.schema.json');
    const registry = JSON.parse(readFileSync(registryPath, 'utf8')) as { oneOf: { title: string; description: string }[] };
    for (const entry of registry.oneOf) {
      entry.title = `${entry.title} ${HOSTILE}`;
      entry.description = `${entry.description} ${HOSTILE}`;
    }
    writeFileSync(registryPath, JSON.stringify(registry, null, 2));
    const run = runGenerate(root);
    expect(run.status, run.stderr).toBe(0);

    // The temporary root holds src/gen only: the package's hand-written iotv1.h and iotv1.c go beside it.
    const header = join(root, 'packages/c-header');
    for (const file of ['src/iotv1.h', 'src/iotv1.c']) cpSync(join(REPO_ROOT, 'packages/c-header', file), join(header, file));
    const program = join(root, 'main.c');
    writeFileSync(
      program,
      [
        '#include "iotv1.h"',
        'int main(void) {',
        '  return IOTV1_CODE_RATE_LIMITED == 4029u && iotv1_is_retryable(IOTV1_CODE_RATE_LIMITED) && !iotv1_is_known_code(4777u) ? 0 : 1;',
        '}',
        '',
      ].join('\n'),
    );
    for (const [compiler, std] of [
      ['gcc', '-std=c89'],
      ['g++', '-std=c++98'],
    ] as const) {
      const language = compiler === 'g++' ? ['-x', 'c++'] : [];
      const binary = join(root, `hostile-${compiler}`);
      const build = spawnSync(
        compiler,
        [
          std,
          '-pedantic',
          '-Wall',
          '-Wextra',
          '-Werror',
          '-Wconversion',
          '-Wtrigraphs',
          ...language,
          '-I',
          join(header, 'src'),
          join(header, 'src/iotv1.c'),
          program,
          '-o',
          binary,
        ],
        { encoding: 'utf8' },
      );
      // No compiler on this machine: skipped, never passed; in CI (which installs them) a missing one fails.
      if (build.error !== undefined && !process.env.CI) context.skip(`${compiler} is not installed`);
      expect(build.status, build.stderr).toBe(0);
      expect(spawnSync(binary).status).toBe(0);
    }
  });
});

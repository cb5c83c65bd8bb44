import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './support/workspace.js';

/** The repository's files as a clone would hold them: tracked or not ignored, and still on disk. */
const tracked = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: REPO_ROOT, encoding: 'utf8' })
  .split('\0')
  .filter((path) => path !== '' && existsSync(join(REPO_ROOT, path)));

const GEN = /^packages\/[^/]+\/src\/gen\//;
const BANNER = 'Do not edit by hand';

/** The files a tsconfig's `include` takes (directories, files, `*` and `**` globs; paths relative to the config). */
function includedBy(configPath: string): (path: string) => boolean {
  const { include = [] } = JSON.parse(readFileSync(join(REPO_ROOT, configPath), 'utf8')) as { include?: string[] };
  const base = dirname(configPath);
  const patterns = include.map((entry) => {
    const full = posix.join(base, entry);
    if (!/[*?]/.test(entry)) return (path: string): boolean => path === full || path.startsWith(`${full}/`);
    const source = full
      .split('**/')
      .map((part) => part.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*'))
      .join('(?:.*/)?');
    const regex = new RegExp(`^${source}$`);
    return (path: string): boolean => regex.test(path);
  });
  return (path) => patterns.some((matches) => matches(path));
}

describe('the repository layout', () => {
  it('keeps generated files in packages/<name>/src/gen and nothing generated anywhere else', () => {
    const packageFiles = tracked.filter((path) => path.startsWith('packages/'));
    const generated = packageFiles.filter((path) => GEN.test(path));
    expect(generated.length).toBeGreaterThan(0);
    // JSON has no comments; every other generated file says what made it and not to edit it.
    const unmarked = generated.filter((path) => !path.endsWith('.json') && !readFileSync(join(REPO_ROOT, path), 'utf8').includes(BANNER));
    expect(unmarked).toEqual([]);
    // Generators and tests name the banner; no other file may carry it.
    const elsewhere = tracked.filter(
      (path) =>
        !GEN.test(path) &&
        !/^(generators|test)\//.test(path) &&
        /\.(ts|h|c|md|html|yaml|json)$/.test(path) &&
        readFileSync(join(REPO_ROOT, path), 'utf8').includes(BANNER),
    );
    expect(elsewhere).toEqual([]);
  });

  it('type-checks every hand-written TypeScript file where it lives: each is in a tsconfig include', () => {
    const configs = tracked.filter((path) => /(^|\/)tsconfig[^/]*\.json$/.test(path)).map(includedBy);
    const outside = tracked.filter((path) => path.endsWith('.ts') && !path.startsWith('test/fixtures/') && !configs.some((includes) => includes(path)));
    expect(outside).toEqual([]);
  });

  it('gives every contract package the contract version (package.json and PlatformIO manifest are hand-written)', () => {
    const { specVersion } = JSON.parse(readFileSync(join(REPO_ROOT, 'packages/spec/src/gen/contract.json'), 'utf8')) as { specVersion: string };
    const manifests = tracked.filter((path) => /^packages\/[^/]+\/(package|library)\.json$/.test(path));
    expect(manifests.length).toBeGreaterThanOrEqual(7);
    for (const path of manifests) expect((JSON.parse(readFileSync(join(REPO_ROOT, path), 'utf8')) as { version: string }).version, path).toBe(specVersion);
  });
});

import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { type ArchivedRelease, REPO_ROOT } from './releases.js';

const RELEASE_TAGS = 'refs/tags/contract-v*';

/** A `contract-v*` tag of this clone and the commit it names. */
export interface ReleaseTag {
  readonly tag: string;
  readonly commit: string;
}

/** Every `contract-v*` tag reachable from HEAD in this clone (none in a clone made without tags). */
export function releaseTags(): ReleaseTag[] {
  // An annotated tag names its commit as *objectname, a lightweight one as objectname.
  const format = '%(refname:short) %(if)%(*objectname)%(then)%(*objectname)%(else)%(objectname)%(end)';
  return git(['for-each-ref', '--merged=HEAD', `--format=${format}`, RELEASE_TAGS])
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      const [tag = '', commit = ''] = line.split(' ');
      return { tag, commit };
    });
}

/** Whether this clone holds the commit (a shallow clone may not). */
export function hasCommit(commit: string): boolean {
  return spawnSync('git', ['cat-file', '-e', `${commit}^{commit}`], { cwd: REPO_ROOT, timeout: 30_000 }).status === 0;
}

/** Whether the archive is, byte for byte once unpacked, what `git archive` makes of its commit today. */
export function archiveMatchesCommit(release: ArchivedRelease): boolean {
  const fromGit = execFileSync('git', ['archive', '--format=tar', release.commit], { cwd: REPO_ROOT, maxBuffer: 256 * 1024 * 1024, timeout: 60_000 });
  return gunzipSync(readFileSync(release.archive)).equals(fromGit);
}

function git(args: readonly string[]): string {
  return execFileSync('git', args, { cwd: REPO_ROOT, encoding: 'utf8', timeout: 30_000 });
}

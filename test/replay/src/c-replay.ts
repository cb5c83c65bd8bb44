import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Vectors } from '@iotv1/conformance';
import { conformanceCTables } from '@iotv1/generator-conformance';
import { runCVectors } from '@iotv1/vector-runners';
import { REPO_ROOT } from './releases.js';

/** Today's host runner of the C vectors; it builds against any release's iotv1.h. */
const RUNNER = join(REPO_ROOT, 'packages/c-header/test/conformance.c');

/**
 * Today's C runner, built by gcc under the sanitizers against a release's iotv1.h/iotv1.c, over the C tables of
 * the release's expectations, written by the conformance generator as it writes today's.
 */
export async function runCReplay(target: string, header: { readonly includeDir: string; readonly source: string }, vectors: Vectors): Promise<string[]> {
  const tableDir = mkdtempSync(join(tmpdir(), 'iotv1-replay-c-'));
  try {
    writeFileSync(join(tableDir, 'iotv1_conformance.h'), conformanceCTables(vectors));
    return await runCVectors(target, { ...header, tableDir, runner: RUNNER });
  } finally {
    rmSync(tableDir, { recursive: true, force: true });
  }
}

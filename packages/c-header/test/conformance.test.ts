import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { C_TABLE_DIR } from '@iotv1/conformance';
import { requireTools } from '@iotv1/test-tools';
import { runCVectors } from '@iotv1/vector-runners';
import { afterAll, describe, expect, it } from 'vitest';

/** The conformance vectors through this C header on the host (gcc, AddressSanitizer and UndefinedBehaviorSanitizer). */
const ROOT = fileURLToPath(new URL('../', import.meta.url));
const HEADER = { includeDir: join(ROOT, 'src'), source: join(ROOT, 'src/iotv1.c'), tableDir: C_TABLE_DIR, runner: join(ROOT, 'test/conformance.c') };
const work = mkdtempSync(join(tmpdir(), 'iotv1-c-vectors-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe.concurrent('the conformance vectors through the C header', () => {
  it.for([[], ['-DIOTV1_NO_STRINGS']])('agrees with every code, answer and ack vector %s', async (defines, context) => {
    requireTools(context, 'gcc');
    context.expect(await runCVectors('c-header', HEADER, defines)).toEqual([]);
  });

  it('names a wrong vector and the target', async (context) => {
    requireTools(context, 'gcc');
    const table = readFileSync(join(C_TABLE_DIR, 'iotv1_conformance.h'), 'utf8');
    // 4029's answer vector and its MQTT rejection made to say "give up" instead of "retry later".
    const wrong = table
      .replace(/(\{ "https\/code\/4029", 429u, 1, 4029u, )IOTV1_ACTION_RETRY_LATER/, '$1IOTV1_ACTION_GIVE_UP')
      .replace(/(\{ "mqtt\/code\/4029", "rejected", 1, "rate_limited", )IOTV1_ACTION_RETRY_LATER/, '$1IOTV1_ACTION_GIVE_UP');
    expect(wrong.split('IOTV1_ACTION_GIVE_UP').length - table.split('IOTV1_ACTION_GIVE_UP').length).toBe(2);
    writeFileSync(join(work, 'iotv1_conformance.h'), wrong);
    expect(await runCVectors('c-header', { ...HEADER, tableDir: work })).toEqual([
      '[c-header] https/code/4029: action is retry_later, the vector says give_up',
      '[c-header] mqtt/code/4029: action is retry_later, the vector says give_up',
    ]);
  });
});

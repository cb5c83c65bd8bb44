import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { vectors } from '@iotv1/conformance';
import { requireTools, runTool, spawnTool } from '@iotv1/test-tools';
import { afterAll, describe, it } from 'vitest';

/**
 * The decoders of iotv1_json.c under libFuzzer (test/fuzz_decoders.c, with AddressSanitizer and
 * UndefinedBehaviorSanitizer), from a seed corpus of every payload, HTTPS body and MQTT ack the vectors have. The
 * fuzzer runs longer in CI than on a laptop; either way it must end on its time limit, with no crash left behind.
 */
const ROOT = fileURLToPath(new URL('../', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'iotv1-c-fuzz-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const SECONDS = process.env.CI ? 20 : 3;
/** The harness's entry per decoder (test/fuzz_decoders.c): each is built and fuzzed on its own. */
const TARGETS = ['device_config_response', 'device_status_accepted', 'feed_data_accepted', 'feed_data_ack', 'http_error_response', 'body_code'];
// Building with the sanitizers takes its time on a loaded 2-core machine, on top of the fuzzing itself.
const BUILD_MS = 120_000;

/** Every object member name in `value`, for the fuzzer's dictionary. */
function names(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(names);
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([name, member]) => [name, ...names(member)]);
}

/** A libFuzzer dictionary entry: the token as a C-escaped string. */
const entry = (token: string): string => `"${[...Buffer.from(token)].map((byte) => `\\x${byte.toString(16).padStart(2, '0')}`).join('')}"`;

describe('the decoders under libFuzzer', () => {
  it.for(TARGETS)(
    `%s never crashes nor breaks a promise of its struct in ${SECONDS} s`,
    { timeout: BUILD_MS + (SECONDS + 60) * 1000 },
    async (target, context) => {
      requireTools(context, 'clang');
      const dir = join(work, target);
      mkdirSync(dir);
      const binary = join(dir, 'fuzz');
      const sources = ['src/iotv1.c', 'src/iotv1_json.c', 'test/fuzz_decoders.c'].map((file) => join(ROOT, file));
      await runTool(
        'clang',
        [
          '-std=c99',
          '-Wall',
          '-Wextra',
          '-Werror',
          '-g',
          '-O1',
          '-fsanitize=fuzzer,address,undefined',
          '-fno-sanitize-recover=all',
          `-DIOTV1_FUZZ_TARGET=${target}`,
          '-Wno-unused-function', // the other targets' entries, in this build
          '-I',
          join(ROOT, 'src'),
          ...sources,
          '-o',
          binary,
        ],
        { boundMs: BUILD_MS },
      );

      const seeds = new Set([
        ...vectors.payloads.map((vector) => JSON.stringify(vector.value)),
        ...vectors.https.map((vector) => vector.answer.body),
        ...vectors.mqtt.map((vector) => JSON.stringify(vector.ack)),
      ]);
      const corpus = join(dir, 'corpus');
      mkdirSync(corpus);
      for (const [n, seed] of [...seeds].entries()) writeFileSync(join(corpus, `seed-${n}`), seed);
      // Member names and JSON's tokens, so that mutations reach past the first unknown member and into the escapes.
      const tokens = new Set([
        ...vectors.payloads.flatMap((vector) => names(vector.value)).map((name) => `"${name}":`),
        ...['true', 'false', 'null', '\\u0000', '\\ud83d\\ude00', '\\ud800', '\\"', 'e+9', '-0.0', '2147483648', '4294967296', '[[[[', '{"a":{'],
      ]);
      const dictionary = join(dir, 'tokens.dict');
      writeFileSync(dictionary, [...tokens].map((token) => `${entry(token)}\n`).join(''));

      // At the lowest priority: the fuzzer takes a core for its whole time, beside suites that time their servers.
      const run = await spawnTool(
        'nice',
        ['-n', '19', binary, `-max_total_time=${SECONDS}`, '-rss_limit_mb=1024', '-timeout=5', `-dict=${dictionary}`, `-artifact_prefix=${dir}/`, corpus],
        { cwd: dir, boundMs: (SECONDS + 60) * 1000 },
      );
      // What libFuzzer leaves for an input that failed: crash-, leak-, timeout- or oom- and its hash.
      context.expect(readdirSync(dir).filter((file) => /^(crash|leak|timeout|oom)-/.test(file))).toEqual([]);
      context.expect(run.status, `${run.signal ?? ''}\n${run.stderr.slice(-6000)}`).toBe(0);
      context.expect(run.stderr).toMatch(/Done \d+ runs/);
    },
  );
});

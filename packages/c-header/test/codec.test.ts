import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { type PayloadLocation, type PayloadVector, vectors } from '@iotv1/conformance';
import { requireTools, runTool } from '@iotv1/test-tools';
import { seededRandom as random } from '@iotv1/test-tools/random';
import { afterAll, beforeAll, describe, it, type TestContext } from 'vitest';

/**
 * The payload codecs of iotv1_json.c against the contract: the payload, HTTPS and MQTT vectors, edge cases of JSON
 * itself, and values generated here, through test/codec_harness.c built once with gcc under AddressSanitizer and
 * UndefinedBehaviorSanitizer (any finding ends the harness, and fails the test that ran it). Each test sends its
 * inputs in one `batch` run, one line of JSON back per input.
 */
const ROOT = fileURLToPath(new URL('../', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'iotv1-c-codec-'));
const HARNESS = join(work, 'codec_harness');
let built: Promise<string>;

beforeAll(() => {
  const sources = ['src/iotv1.c', 'src/iotv1_json.c', 'test/codec_harness.c'].map((file) => join(ROOT, file));
  const flags = ['-std=c99', '-Wall', '-Wextra', '-Werror', '-g', '-fsanitize=address,undefined', '-fno-sanitize-recover=all'];
  built = runTool('gcc', [...flags, '-I', join(ROOT, 'src'), ...sources, '-o', HARNESS]).then(() => HARNESS);
  // Without gcc every test skips before awaiting it; with it, each test fails with the compiler's output.
  built.catch(() => undefined);
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The results of iotv1_json.h (iotv1_json_result_t). */
const TRUNCATED = -1;
const MALFORMED = -2;
const TOO_DEEP = -3;
const WRONG_SIZE = -4;
const OUT_OF_RANGE = -5;
const WRONG_TYPE = -6;
const MISSING = -7;
const NUL_CHARACTER = -8;

type Json = null | boolean | number | string | Json[] | { [member: string]: Json };
type JsonObject = { [member: string]: Json };
type Decoder = 'device_config_response' | 'device_status_accepted' | 'feed_data_accepted' | 'feed_data_ack' | 'http_error_response';
/** A word of a harness command: text (as UTF-8) or bytes. */
type Word = string | Uint8Array;

let batches = 0;

/** Runs `commands` through the harness (skipping the test without gcc); one parsed line of output each. */
async function harness(context: TestContext, commands: readonly (readonly Word[])[]): Promise<Json[]> {
  requireTools(context, 'gcc');
  const binary = await built;
  const file = join(work, `batch-${batches++}.txt`);
  writeFileSync(file, commands.map((words) => `${words.map((word) => `x${Buffer.from(word).toString('hex')}`).join(' ')}\n`).join(''));
  const lines = (await runTool(binary, ['batch', file])).split('\n').filter((line) => line !== '');
  context.expect(lines).toHaveLength(commands.length);
  return lines.map((line) => JSON.parse(line) as Json);
}

/** What the decoder prints for a valid payload: the C structs leave out error.details (checked and skipped). */
function decodedForm(decoder: Decoder, value: Json): Json {
  const copy = structuredClone(value) as JsonObject;
  const inner = copy.error as JsonObject | undefined;
  if (decoder === 'http_error_response' && inner !== undefined) delete inner.details;
  // The ack's error.message has no has_ flag: an absent one must read as the empty string.
  if (decoder === 'feed_data_ack' && inner !== undefined) inner.message ??= '';
  return copy;
}

/** Decodes each `[about, decoder, json, want]` and lists the ones that print otherwise (want: a value's decoded form, or an error). */
async function mismatches(context: TestContext, cases: readonly (readonly [string, Decoder, Word, Json])[]): Promise<string[]> {
  const results = await harness(
    context,
    cases.map(([, decoder, json]) => ['decode', decoder, json]),
  );
  return cases.flatMap(([about, , , want], n) =>
    isDeepStrictEqual(results[n], want) ? [] : [`${about}: ${JSON.stringify(results[n])}, not ${JSON.stringify(want)}`],
  );
}

const error = (code: number): Json => ({ error: code });

/** The spec's example of each payload a device receives, from the payload vectors. */
function example(title: string): JsonObject {
  const vector = vectors.payloads.find((candidate) => 'title' in candidate.at && candidate.at.title === title && candidate.valid);
  if (vector === undefined) throw new Error(`no example of ${title} among the payload vectors`);
  return vector.value as JsonObject;
}

const EXAMPLES: Readonly<Record<Decoder, JsonObject>> = {
  device_config_response: example('DeviceConfigResponse'),
  device_status_accepted: example('DeviceStatusAccepted'),
  feed_data_accepted: example('FeedDataAccepted'),
  feed_data_ack: example('FeedDataAck'),
  http_error_response: example('HttpErrorResponse'),
};
const DECODERS = Object.keys(EXAMPLES) as Decoder[];

/** The decoder of a payload a device receives, or null for one it sends (or a part of one). */
function decoderOf(at: PayloadLocation): Decoder | null {
  const successes: Readonly<Record<string, Decoder>> = {
    getDeviceConfig: 'device_config_response',
    submitFeedData: 'feed_data_accepted',
    reportDeviceStatus: 'device_status_accepted',
  };
  const messages: Readonly<Record<string, Decoder | null>> = { feedData: null, feedDataAck: 'feed_data_ack' };
  const schemas: Readonly<Record<string, Decoder | null>> = {
    DeviceConfigResponse: 'device_config_response',
    DeviceStatusAccepted: 'device_status_accepted',
    FeedDataAccepted: 'feed_data_accepted',
    FeedDataAck: 'feed_data_ack',
    HttpErrorResponse: 'http_error_response',
    DeviceStatusReport: null,
    FeedDataSubmission: null,
    ErrorType: null,
    MessageId: null,
    RequestId: null,
  };
  // A location this table does not name fails, so that a new payload gets a decoder or a reason for none.
  const known = <T>(table: Readonly<Record<string, T>>, key: string): T => {
    if (!(key in table)) throw new Error(`a payload at ${JSON.stringify(at)}: which decoder reads it?`);
    return table[key]!;
  };
  if ('operation' in at) {
    if (at.part === 'body') return null;
    return at.status >= 200 && at.status < 300 ? known(successes, at.operation) : 'http_error_response';
  }
  return 'message' in at ? known(messages, at.message) : known(schemas, at.title);
}

/** The value at a JSON pointer, undefined when there is none. */
function pointed(value: unknown, pointer: string): unknown {
  return pointer
    .split('/')
    .slice(1)
    .map((token) => token.replaceAll('~1', '/').replaceAll('~0', '~'))
    .reduce<unknown>((at, token) => (typeof at === 'object' && at !== null ? (at as Record<string, unknown>)[token] : undefined), value);
}

/** What the decoders refuse an invalid payload with, by the validator's keyword. */
const ENFORCED: Readonly<Record<string, readonly number[]>> = {
  // A fraction where an integer goes is out of range (iotv1_json.h), any other JSON type the wrong type.
  type: [WRONG_TYPE, OUT_OF_RANGE],
  required: [MISSING],
  maxLength: [WRONG_SIZE],
  minLength: [WRONG_SIZE],
  maxItems: [WRONG_SIZE],
  minItems: [WRONG_SIZE],
  minimum: [OUT_OF_RANGE],
  maximum: [OUT_OF_RANGE],
  // const on an integer (code 2000) is a range of one; const on a string is a deviation below.
  const: [OUT_OF_RANGE],
};

/*
 * Documented deviations: keywords the decoders do not check, so an invalid payload may decode. A device holds
 * what it decodes in fixed buffers and reads it by the handling rule, which needs none of them:
 * - additionalProperties: unknown members are skipped, so that a newer server's members do not break a device;
 * - pattern and format: request_id, message_id, statuses, error types and feeds are not matched (their patterns
 *   only keep them ASCII, which the buffer sizes assume: non-ASCII beyond the buffer is WRONG_SIZE);
 * - enum, oneOf, anyOf and const on strings: a status or error type is read as any string within maxLength (the
 *   rule handles unknown ones), and the response code of an error response as any int32 (oneOf of the registry);
 * - uniqueItems: config.feeds may repeat a feed.
 */
const DEVIATIONS = new Set(['additionalProperties', 'pattern', 'format', 'enum', 'oneOf', 'anyOf', 'uniqueItems']);

/** What a decoder must make of an invalid payload vector: the errors it may give, or null when it may accept it. */
function refusal(vector: PayloadVector): readonly number[] | null {
  const keyword = vector.keyword ?? '';
  if (keyword === 'const' && typeof pointed(vector.value, vector.pointer ?? '') === 'string') return null;
  if (DEVIATIONS.has(keyword)) return null;
  const codes = ENFORCED[keyword];
  if (codes === undefined) throw new Error(`${vector.id}: keyword ${keyword} is neither enforced nor a documented deviation`);
  return codes;
}

/** The kit's reading of an HTTPS body (interpret in @iotv1/client): an integer top-level code of an object, 0 outside 0-65535. */
function kitBodyCode(body: string): Json {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return { has_code: 0, code: 0 };
  }
  const code = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as { code?: unknown }).code : undefined;
  if (typeof code !== 'number' || !Number.isInteger(code)) return { has_code: 0, code: 0 };
  // `|| 0`: C has no -0.
  return { has_code: 1, code: code >= 0 && code <= 0xffff ? code || 0 : 0 };
}

/** Compact JSON text. */
const json = (value: Json): string => JSON.stringify(value);

/** Every order of `items`. */
function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, n) => permutations([...items.slice(0, n), ...items.slice(n + 1)]).map((rest) => [item, ...rest]));
}

const reorder = (value: JsonObject, order: readonly string[]): JsonObject => Object.fromEntries(order.map((member) => [member, value[member]!]));

describe.concurrent('the decoders against the conformance vectors', () => {
  it('decode every valid payload a device receives as JSON.parse reads it, and refuse the invalid ones they check', async (context) => {
    const cases = vectors.payloads.flatMap((vector) => {
      const decoder = decoderOf(vector.at);
      return decoder === null ? [] : [{ vector, decoder }];
    });
    context.expect(cases.filter(({ vector }) => vector.valid).length).toBeGreaterThanOrEqual(DECODERS.length);
    const results = await harness(
      context,
      cases.map(({ vector, decoder }) => ['decode', decoder, json(vector.value as Json)]),
    );
    const wrong = cases.flatMap(({ vector, decoder }, n) => {
      const result = results[n] as JsonObject;
      if (vector.valid) {
        const want = decodedForm(decoder, vector.value as Json);
        return isDeepStrictEqual(result, want) ? [] : [`${vector.id}: ${JSON.stringify(result)}, not ${JSON.stringify(want)}`];
      }
      const codes = refusal(vector);
      if (codes === null || codes.includes(result.error as number)) return [];
      return [`${vector.id} (${vector.keyword} at ${vector.pointer}): ${JSON.stringify(result)}, not an error of ${codes.join(' or ')}`];
    });
    context.expect(wrong).toEqual([]);
  });

  it('read the top-level code of every HTTPS vector body as the kit does (iotv1_body_code)', async (context) => {
    const results = await harness(
      context,
      vectors.https.map((vector) => ['body', vector.answer.body]),
    );
    const wrong = vectors.https.flatMap((vector, n) =>
      isDeepStrictEqual(results[n], kitBodyCode(vector.answer.body))
        ? []
        : [`${vector.id}: ${JSON.stringify(results[n])}, not ${JSON.stringify(kitBodyCode(vector.answer.body))}`],
    );
    context.expect(wrong).toEqual([]);
  });

  it('give every MQTT vector ack its action (iotv1_handle_feed_data_ack)', async (context) => {
    const results = await harness(
      context,
      vectors.mqtt.map((vector) => ['ack', json(vector.ack as Json)]),
    );
    const wrong = vectors.mqtt.flatMap((vector, n) =>
      isDeepStrictEqual(results[n], { action: vector.expect.action }) ? [] : [`${vector.id}: ${JSON.stringify(results[n])}, not ${vector.expect.action}`],
    );
    context.expect(wrong).toEqual([]);
  });
});

describe.concurrent('the decoders on the edges of JSON', () => {
  const config = EXAMPLES.device_config_response;
  const ack = EXAMPLES.feed_data_ack;
  const rejected: JsonObject = { message_id: 'm-1', status: 'rejected', retryable: true, error: { type: 'rate_limited', message: 'slow down' } };
  const failure = EXAMPLES.http_error_response;
  /** The error response with error.message (or another member of error) set to raw JSON text. */
  const withMessage = (text: string): string => json(failure).replace(/"message":"[^"]*"/, `"message":${text}`);
  const withRequestId = (text: string): string => json(failure).replace(/"request_id":"[^"]*"/, `"request_id":${text}`);
  const decodedMessage = (text: string): Json => decodedForm('http_error_response', JSON.parse(withMessage(text)) as Json);

  it('read the members in any order, nested objects too', async (context) => {
    const inner = config.config as JsonObject;
    const cases = permutations(Object.keys(config)).flatMap((outer) =>
      permutations(Object.keys(inner)).map((order) => {
        const value = reorder({ ...config, config: reorder(inner, order) }, outer);
        return [`${outer} / ${order}`, 'device_config_response', json(value), config] as const;
      }),
    );
    context.expect(await mismatches(context, cases)).toEqual([]);
  });

  it('skip unknown members, however they nest, and keys that only look like members', async (context) => {
    const unknown = '{"a":[1,-2.5e-3,1e400,{"b":[true,false,null,"s\\"\\u00e9"]},[]],"c":{},"d":"\\ud83d\\ude00\\u0000"}';
    const cases = [
      ['at the top', 'device_config_response', `{"x":${unknown},${json(config).slice(1)}`, config],
      ['at the end', 'device_config_response', `${json(config).slice(0, -1)},"x":${unknown}}`, config],
      ['inside config', 'device_config_response', json(config).replace('"config":{', `"config":{"x":${unknown},`), config],
      ['inside error', 'feed_data_ack', json(rejected).replace('"error":{', `"error":{"x":${unknown},`), rejected],
      ['inside details', 'http_error_response', json(failure).replace('"details":{', `"details":{"x":${unknown}`), decodedForm('http_error_response', failure)],
      ['a prefix of a name', 'feed_data_ack', `{"message":1,"status_":2,"retry":3,${json(ack).slice(1)}`, ack],
      ['a name past the longest', 'feed_data_ack', `{"message_id_and_much_more_than_that":1,${json(ack).slice(1)}`, ack],
      ['a NUL in a name', 'feed_data_ack', `{"status\\u0000":1,${json(ack).slice(1)}`, ack],
      ['a name written with escapes', 'feed_data_ack', json(ack).replace('"status"', '"st\\u0061tus"'), ack],
      [
        'an unknown member of any type',
        'device_status_accepted',
        `{"x":[{"y":"z"}],${json(EXAMPLES.device_status_accepted).slice(1)}`,
        EXAMPLES.device_status_accepted,
      ],
    ] as const;
    context.expect(await mismatches(context, cases)).toEqual([]);
  });

  it('unescape \\u escapes and surrogate pairs to UTF-8, and refuse lone surrogates and U+0000', async (context) => {
    const escapes = '"\\u00e9\\u00E9\\u20ac\\ud83d\\ude00\\uD83D\\uDE00\\u0041\\"\\\\\\/\\b\\f\\n\\r\\t\\u001f"';
    const cases = [
      ['every escape', 'http_error_response', withMessage(escapes), decodedMessage(escapes)],
      ['UTF-8 as it comes', 'http_error_response', withMessage('"é€😀"'), decodedMessage('"é€😀"')],
      [
        'an escape in an ASCII string',
        'http_error_response',
        withRequestId('"req_\\u0041"'),
        { ...(decodedForm('http_error_response', failure) as JsonObject), request_id: 'req_A' },
      ],
      ['a lone high surrogate at the end', 'http_error_response', withMessage('"a\\ud800"'), error(MALFORMED)],
      ['a high surrogate before a letter', 'http_error_response', withMessage('"\\ud800x"'), error(MALFORMED)],
      ['a high surrogate before another escape', 'http_error_response', withMessage('"\\ud800\\u0041"'), error(MALFORMED)],
      ['two high surrogates', 'http_error_response', withMessage('"\\ud83d\\ud83d"'), error(MALFORMED)],
      ['a lone low surrogate', 'http_error_response', withMessage('"\\udc00"'), error(MALFORMED)],
      ['a lone surrogate in a skipped member', 'feed_data_ack', `{"x":"\\udfff",${json(ack).slice(1)}`, error(MALFORMED)],
      ['a lone surrogate in a name', 'feed_data_ack', `{"\\ud800":1,${json(ack).slice(1)}`, error(MALFORMED)],
      ['U+0000 in a decoded string', 'http_error_response', withMessage('"a\\u0000b"'), error(NUL_CHARACTER)],
      ['U+0000 in request_id', 'http_error_response', withRequestId('"\\u0000"'), error(NUL_CHARACTER)],
      ['U+0000 in a skipped member', 'feed_data_ack', `{"x":"\\u0000",${json(ack).slice(1)}`, ack],
      ['an unknown escape', 'http_error_response', withMessage('"\\x41"'), error(MALFORMED)],
      ['a short \\u escape', 'http_error_response', withMessage('"\\u41"'), error(MALFORMED)],
      ['a raw control character', 'http_error_response', withMessage('"a\tb"'), error(MALFORMED)],
      ['a raw line break', 'http_error_response', withMessage('"a\nb"'), error(MALFORMED)],
    ] as const;
    context.expect(await mismatches(context, cases)).toEqual([]);
  });

  it('hold strings and arrays to their bounds, in characters', async (context) => {
    const feeds = (items: string[]): string => json({ ...config, config: { ...(config.config as JsonObject), feeds: items } });
    const feedsDecoded = (items: string[]): Json => ({ ...config, config: { ...(config.config as JsonObject), feeds: items } });
    const ackWith = (member: string, value: string): string => json({ ...ack, [member]: value });
    const typed = (value: string): string => json({ ...rejected, error: { type: value, message: 'm' } });
    const cases = [
      [
        'request_id of 128',
        'http_error_response',
        withRequestId(json('r'.repeat(128))),
        { ...(decodedForm('http_error_response', failure) as JsonObject), request_id: 'r'.repeat(128) },
      ],
      ['request_id of 129', 'http_error_response', withRequestId(json('r'.repeat(129))), error(WRONG_SIZE)],
      ['request_id empty', 'http_error_response', withRequestId('""'), error(WRONG_SIZE)],
      ['message of 128 astral characters (512 bytes)', 'http_error_response', withMessage(json('😀'.repeat(128))), decodedMessage(json('😀'.repeat(128)))],
      ['message of 128 escaped characters', 'http_error_response', withMessage(`"${'\\u00e9'.repeat(128)}"`), decodedMessage(json('é'.repeat(128)))],
      ['message of 129 two-byte characters', 'http_error_response', withMessage(json('é'.repeat(129))), error(WRONG_SIZE)],
      ['message of 129', 'http_error_response', withMessage(json('m'.repeat(129))), error(WRONG_SIZE)],
      ['message empty', 'http_error_response', withMessage('""'), decodedMessage('""')],
      ['a feed of 64', 'device_config_response', feeds(['f'.repeat(64)]), feedsDecoded(['f'.repeat(64)])],
      ['a feed of 65', 'device_config_response', feeds(['f'.repeat(65)]), error(WRONG_SIZE)],
      ['16 feeds', 'device_config_response', feeds(Array.from({ length: 16 }, (_, n) => `f${n}`)), feedsDecoded(Array.from({ length: 16 }, (_, n) => `f${n}`))],
      ['17 feeds', 'device_config_response', feeds(Array.from({ length: 17 }, (_, n) => `f${n}`)), error(WRONG_SIZE)],
      ['no feeds', 'device_config_response', feeds([]), feedsDecoded([])],
      ['message_id of 64', 'feed_data_ack', ackWith('message_id', 'i'.repeat(64)), { ...ack, message_id: 'i'.repeat(64) }],
      ['message_id of 65', 'feed_data_ack', ackWith('message_id', 'i'.repeat(65)), error(WRONG_SIZE)],
      ['message_id empty', 'feed_data_ack', ackWith('message_id', ''), error(WRONG_SIZE)],
      ['status of 32', 'feed_data_ack', ackWith('status', 's'.repeat(32)), { ...ack, status: 's'.repeat(32) }],
      ['status of 33', 'feed_data_ack', ackWith('status', 's'.repeat(33)), error(WRONG_SIZE)],
      ['error.type of 64', 'feed_data_ack', typed('t'.repeat(64)), { ...rejected, error: { type: 't'.repeat(64), message: 'm' } }],
      ['error.type of 65', 'feed_data_ack', typed('t'.repeat(65)), error(WRONG_SIZE)],
      ['a feed status of 33', 'feed_data_accepted', json({ ...EXAMPLES.feed_data_accepted, status: 's'.repeat(33) }), error(WRONG_SIZE)],
    ] as const;
    context.expect(await mismatches(context, cases)).toEqual([]);
  });

  it('read integers written as 4e3 or 2.0, and refuse fractions and numbers beyond their range', async (context) => {
    const interval = (text: string): string => json(config).replace('"report_interval_s":60', `"report_interval_s":${text}`);
    const withInterval = (value: number): Json => ({ ...config, config: { ...(config.config as JsonObject), report_interval_s: value } });
    const revision = (text: string): string => json(config).replace('"revision":7', `"revision":${text}`);
    const withRevision = (value: number): Json => ({ ...config, config: { ...(config.config as JsonObject), revision: value } });
    const code = (text: string): string => json(failure).replace('"code":4000', `"code":${text}`);
    const withCode = (value: number): Json => ({ ...(decodedForm('http_error_response', failure) as JsonObject), code: value });
    const cases = [
      ...(['4e3', '4E3', '4e+3', '400e1', '0.4e4', '40000e-1', '4000.000'] as const).map(
        (text) => [text, 'device_config_response', interval(text), withInterval(4000)] as const,
      ),
      ['2.0', 'device_config_response', interval('2.0'), withInterval(2)],
      ['86400', 'device_config_response', interval('86400'), withInterval(86400)],
      ['4.5', 'device_config_response', interval('4.5'), error(OUT_OF_RANGE)],
      ['45e-1', 'device_config_response', interval('45e-1'), error(OUT_OF_RANGE)],
      ['1e-1', 'device_config_response', interval('1e-1'), error(OUT_OF_RANGE)],
      ['0 (below the minimum)', 'device_config_response', interval('0'), error(OUT_OF_RANGE)],
      ['86401 (beyond the maximum)', 'device_config_response', interval('86401'), error(OUT_OF_RANGE)],
      ['-1', 'device_config_response', interval('-1'), error(OUT_OF_RANGE)],
      ['1e400', 'device_config_response', interval('1e400'), error(OUT_OF_RANGE)],
      ['revision 2147483647', 'device_config_response', revision('2147483647'), withRevision(2147483647)],
      ['revision 2147483648', 'device_config_response', revision('2147483648'), error(OUT_OF_RANGE)],
      ['revision 1e10', 'device_config_response', revision('1e10'), error(OUT_OF_RANGE)],
      ['revision 10000000000000000000000', 'device_config_response', revision('1'.padEnd(23, '0')), error(OUT_OF_RANGE)],
      ['max_payload_bytes 255', 'device_config_response', json(config).replace('65536', '255'), error(OUT_OF_RANGE)],
      ['code 2e3 (const 2000)', 'device_config_response', json(config).replace('2000', '2e3'), config],
      ['code 2001 (const 2000)', 'device_config_response', json(config).replace('2000', '2001'), error(OUT_OF_RANGE)],
      ['an error code of -2147483648', 'http_error_response', code('-2147483648'), withCode(-2147483648)],
      ['an error code of -2147483649', 'http_error_response', code('-2147483649'), error(OUT_OF_RANGE)],
      ['an error code of -0', 'http_error_response', code('-0'), withCode(0)],
      ['hexadecimal', 'http_error_response', code('0x3c'), error(MALFORMED)],
      ['a leading zero', 'device_config_response', interval('060'), error(MALFORMED)],
      ['a plus sign', 'device_config_response', interval('+60'), error(MALFORMED)],
      ['a minus alone', 'device_config_response', interval('-'), error(MALFORMED)],
      ['a point without digits', 'device_config_response', interval('60.'), error(MALFORMED)],
      ['a point first', 'device_config_response', interval('.5'), error(MALFORMED)],
      ['an exponent without digits', 'device_config_response', interval('6e'), error(MALFORMED)],
      ['a string', 'device_config_response', interval('"60"'), error(WRONG_TYPE)],
      ['null', 'device_config_response', interval('null'), error(WRONG_TYPE)],
      ['an array', 'device_config_response', interval('[60]'), error(WRONG_TYPE)],
      ['a boolean where a string goes', 'feed_data_ack', json(ack).replace('"created"', 'true'), error(WRONG_TYPE)],
      ['a number where a boolean goes', 'feed_data_ack', json(ack).replace('false', '0'), error(WRONG_TYPE)],
      ['feeds as a string', 'device_config_response', json(config).replace(/\[[^\]]*\]/, '"temperature"'), error(WRONG_TYPE)],
      ['details as an array', 'http_error_response', json(failure).replace('"details":{}', '"details":[]'), error(WRONG_TYPE)],
    ] as const;
    context.expect(await mismatches(context, cases)).toEqual([]);
  });

  it('refuse an integer beyond int32_t whose digits wrap to zero (2^32)', async (context) => {
    const code = (text: string): string => json(failure).replace('"code":4000', `"code":${text}`);
    const cases = [
      ['4294967296', 'http_error_response', code('4294967296'), error(OUT_OF_RANGE)],
      ['-4294967296', 'http_error_response', code('-4294967296'), error(OUT_OF_RANGE)],
      ['4294967297', 'http_error_response', code('4294967297'), error(OUT_OF_RANGE)],
    ] as const;
    context.expect(await mismatches(context, cases)).toEqual([]);
  });

  it('refuse anything but one JSON object, whole', async (context) => {
    const text = json(ack);
    const cases = [
      ['white space around', 'feed_data_ack', ` \t\r\n${text.replaceAll(',', ' , ').replaceAll(':', ' : ')}\n `, ack],
      ['trailing garbage', 'feed_data_ack', `${text}x`, error(MALFORMED)],
      ['a second object', 'feed_data_ack', `${text}{}`, error(MALFORMED)],
      ['a trailing comma after the object', 'feed_data_ack', `${text},`, error(MALFORMED)],
      ['a trailing comma inside', 'feed_data_ack', `${text.slice(0, -1)},}`, error(MALFORMED)],
      ['a leading comma inside', 'feed_data_ack', `{,${text.slice(1)}`, error(MALFORMED)],
      ['a member without its colon', 'feed_data_ack', text.replace('"status":', '"status" '), error(MALFORMED)],
      ['single quotes', 'feed_data_ack', text.replaceAll('"', "'"), error(MALFORMED)],
      ['a bare word', 'feed_data_ack', text.replace('false', 'nope'), error(MALFORMED)],
      ['an unclosed array in a skipped member', 'feed_data_ack', `{"x":[1,2}${text.slice(1)}`, error(MALFORMED)],
      ['an array', 'feed_data_ack', `[${text}]`, error(WRONG_TYPE)],
      ['null', 'feed_data_ack', 'null', error(WRONG_TYPE)],
      ['nothing', 'feed_data_ack', '', error(TRUNCATED)],
      ['white space only', 'feed_data_ack', '  \n', error(TRUNCATED)],
      ['a required member missing', 'feed_data_ack', json({ message_id: 'm', status: 'created' }), error(MISSING)],
      [
        'a required member of a nested object missing',
        'http_error_response',
        json({ ...failure, error: { type: 'bad_request', message: 'm' } }),
        error(MISSING),
      ],
    ] as const;
    context.expect(await mismatches(context, cases)).toEqual([]);
  });

  it('refuse a NUL byte after the object, and what follows it', async (context) => {
    const text = json(ack);
    const cases = [
      ['a NUL', 'feed_data_ack', Buffer.concat([Buffer.from(text), Buffer.from([0])]), error(MALFORMED)],
      ['a NUL and garbage', 'feed_data_ack', Buffer.concat([Buffer.from(text), Buffer.from([0]), Buffer.from('garbage{')]), error(MALFORMED)],
      ['white space and a NUL', 'feed_data_ack', Buffer.concat([Buffer.from(`${text} `), Buffer.from([0])]), error(MALFORMED)],
    ] as const;
    context.expect(await mismatches(context, cases)).toEqual([]);
  });

  it('skip members nested within IOTV1_JSON_MAX_DEPTH, and refuse deeper ones', async (context) => {
    // The limit as iotv1_json.h defines it. Whether it counts a skipped value's own levels or the payload's (the
    // root object and error too), a skipped value of MAX_DEPTH - 1 levels in the root, or MAX_DEPTH - 3 in
    // error.details, is within it, and one of MAX_DEPTH + 1 beyond it.
    const depth = Number(/#define IOTV1_JSON_MAX_DEPTH (\d+)/.exec(readFileSync(join(ROOT, 'src/iotv1_json.h'), 'utf8'))?.[1]);
    context.expect(depth).toBeGreaterThanOrEqual(4);
    const nested = (levels: number): string => `${'['.repeat(levels)}${']'.repeat(levels)}`;
    const mixed = (levels: number): string => `${'{"a":['.repeat(levels / 2)}${']}'.repeat(levels / 2)}`;
    const even = (levels: number): number => levels - (levels % 2);
    const details = (levels: number): string => json(failure).replace('"details":{}', `"details":{"a":${nested(levels - 1)}}`);
    const skipped = (value: string): string => `{"x":${value},${json(ack).slice(1)}`;
    const cases = [
      [`${depth - 1} arrays`, 'feed_data_ack', skipped(nested(depth - 1)), ack],
      [`${depth + 1} arrays`, 'feed_data_ack', skipped(nested(depth + 1)), error(TOO_DEEP)],
      [`${even(depth - 1)} objects and arrays`, 'feed_data_ack', skipped(mixed(even(depth - 1))), ack],
      [`${even(depth + 2)} objects and arrays`, 'feed_data_ack', skipped(mixed(even(depth + 2))), error(TOO_DEEP)],
      [`details ${depth - 3} deep`, 'http_error_response', details(depth - 3), decodedForm('http_error_response', failure)],
      [`details ${depth + 1} deep`, 'http_error_response', details(depth + 1), error(TOO_DEEP)],
      ['100000 arrays, unclosed', 'feed_data_ack', `{"x":${'['.repeat(100_000)}`, error(TOO_DEEP)],
    ] as const;
    context.expect(await mismatches(context, cases)).toEqual([]);
    // The body's code is read past other members only as deep: a deeper one hides the code (a documented limit; the kit reads it).
    const bodies = await harness(context, [
      ['body', `{"x":${nested(depth - 1)},"code":4029}`],
      ['body', `{"x":${nested(depth + 1)},"code":4029}`],
    ]);
    context.expect(bodies).toEqual([
      { has_code: 1, code: 4029 },
      { has_code: 0, code: 0 },
    ]);
  });

  it('return an error for every truncation of a valid payload, at every byte', async (context) => {
    const rich: Readonly<Record<Decoder, string>> = {
      device_config_response: ` { "x" : [ 1.5e-3 , "\\u00e9" ] , ${json(config).slice(1).replace('"temperature"', '"t\\u0065mp"')}`,
      device_status_accepted: json(EXAMPLES.device_status_accepted).replace('"config_revision":7', '"config_revision":7e0'),
      feed_data_accepted: json(EXAMPLES.feed_data_accepted).replace('"created"', '"cr\\u0065ated"'),
      feed_data_ack: json({ ...rejected, error: { type: 'rate_limited', message: 'é€😀 "quoted" \\ \n' } }).replace('"rejected"', '"\\u0072ejected"'),
      http_error_response: json({
        ...failure,
        error: { ...(failure.error as JsonObject), message: '\ud83d\ude00', details: { a: [null, true, false, {}], b: -0.5 } },
      }).replace('😀', '\\ud83d\\ude00'),
    };
    const whole = DECODERS.flatMap((decoder) => [json(EXAMPLES[decoder]), rich[decoder]].map((text) => [decoder, Buffer.from(text)] as const));
    const commands = whole.flatMap(([decoder, bytes]) =>
      Array.from({ length: bytes.length }, (_, length) => [
        ['decode', decoder, bytes.subarray(0, length)],
        ['body', bytes.subarray(0, length)],
      ]).flat(),
    );
    const results = await harness(context, [...whole.map(([decoder, bytes]) => ['decode', decoder, bytes]), ...commands]);
    // The whole payloads decode, so each truncation is what fails.
    context.expect(results.slice(0, whole.length).filter((result) => typeof (result as JsonObject).error === 'number')).toEqual([]);
    const truncations = results.slice(whole.length);
    const decoded = truncations.filter((_, n) => n % 2 === 0) as JsonObject[];
    const bodies = truncations.filter((_, n) => n % 2 === 1) as JsonObject[];
    // TRUNCATED, or OUT_OF_RANGE for a cut number that is out of range already (code 2000 cut to 2).
    context.expect(decoded.filter((result) => result.error !== TRUNCATED && result.error !== OUT_OF_RANGE)).toEqual([]);
    context.expect(bodies.filter((result) => result.has_code !== 0)).toEqual([]);
  });

  it('read an absent error.message of an ack as the empty string, not as memory left unset', async (context) => {
    const value: JsonObject = { ...rejected, error: { type: 'rate_limited' } };
    const cases = [['error without message', 'feed_data_ack', json(value), decodedForm('feed_data_ack', value)]] as const;
    context.expect(await mismatches(context, cases)).toEqual([]);
  });
});

describe.concurrent('iotv1_body_code on the edges', () => {
  it('reads the top-level code as the kit does', async (context) => {
    const bodies = [
      '{"code":65535}',
      '{"code":65536}',
      '{"code":-1}',
      '{"code":-0}',
      '{"code":4e3}',
      '{"code":4000.0}',
      '{"code":1e400}',
      '{"code":4000.5}',
      '{"x":[1,{"y":null,"z":"\\u00e9"}],"code":4000,"w":{}}',
      '{"code":4000,"code":4029}',
      ' {"code":4000} ',
      '{"code":4000}x',
      '{"code":4000',
      '{"code":null}',
      '{"code":true}',
      '{"code":[4000]}',
      '{"error":{"code":4000}}',
      '[{"code":4000}]',
      '"4000"',
      '4000',
      '',
    ];
    const results = await harness(
      context,
      bodies.map((body) => ['body', body]),
    );
    context
      .expect(Object.fromEntries(bodies.map((body, n) => [body, results[n]])))
      .toEqual(Object.fromEntries(bodies.map((body) => [body, kitBodyCode(body)])));
  });

  it('reads an integer code beyond int32_t as no code, which the rule treats as the kit treats a code outside 0-65535', async (context) => {
    // A documented deviation (iotv1_json.h): the kit reads these as codes outside the code space, the C header as
    // no code; either way the HTTP status decides.
    const bodies = ['{"code":2147483648}', '{"code":-2147483649}', '{"code":1e10}', '{"code":4294967296}', '{"code":99999999999999999999}'];
    const results = await harness(
      context,
      bodies.map((body) => ['body', body]),
    );
    context.expect(bodies.map(kitBodyCode)).toEqual(bodies.map(() => ({ has_code: 1, code: 0 })));
    context.expect(results).toEqual(bodies.map(() => ({ has_code: 0, code: 0 })));
  });
});

/** Values of each payload a device receives, within the schemas: bounds taken often, strings of every kind. */
class Values {
  readonly #next: () => number;

  constructor(seed: number) {
    this.#next = random(seed);
  }

  chance(p: number): boolean {
    return this.#next() < p;
  }

  /** An integer in [min, max], either end a fifth of the time each. */
  integer(min: number, max: number): number {
    const r = this.#next();
    if (r < 0.2) return min;
    if (r < 0.4) return max;
    return min + Math.floor(this.#next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.#next() * items.length)]!;
  }

  /** `min` to `max` characters, the first from `first` and the rest from `rest`. */
  text(first: string, rest: string, min: number, max: number): string {
    const length = this.integer(min, max);
    return Array.from({ length }, (_, n) => this.pick([...(n === 0 ? first : rest)])).join('');
  }

  /** Up to `max` code points of any kind but U+0000 and lone surrogates: ASCII, controls, Latin-1, the BMP and beyond. */
  unicode(max: number): string {
    const ranges: readonly (readonly [number, number])[] = [
      [0x20, 0x7e],
      [0x01, 0x1f],
      [0x7f, 0xff],
      [0x100, 0xd7ff],
      [0xe000, 0xfffd],
      [0x10000, 0x10ffff],
    ];
    const length = this.integer(0, max);
    return Array.from({ length }, () => {
      const [low, high] = this.pick(ranges);
      return String.fromCodePoint(low + Math.floor(this.#next() * (high - low + 1)));
    }).join('');
  }

  /** Any JSON, for members the decoders skip. */
  any(depth: number): Json {
    const kind = this.integer(0, depth > 0 ? 6 : 4);
    if (kind === 0) return null;
    if (kind === 1) return this.chance(0.5);
    if (kind === 2) return this.pick([0, -1, 3.25, -1.5e-7, 1e21, 2 ** 53, Number.MAX_VALUE]);
    if (kind === 3 || kind === 4) return this.unicode(8);
    if (kind === 5) return Array.from({ length: this.integer(0, 3) }, () => this.any(depth - 1));
    return Object.fromEntries(Array.from({ length: this.integer(0, 3) }, () => [this.unicode(4), this.any(depth - 1)]));
  }

  requestId(): string {
    const visible = Array.from({ length: 0x7e - 0x21 + 1 }, (_, n) => String.fromCharCode(0x21 + n)).join('');
    return this.text(visible, visible, 1, 128);
  }

  messageId(): string {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._:-';
    return this.text(alphabet, alphabet, 1, 64);
  }

  label(max: number): string {
    return this.text('abcdefghijklmnopqrstuvwxyz', 'abcdefghijklmnopqrstuvwxyz0123456789_', 1, max);
  }

  of(decoder: Decoder): JsonObject {
    const INT32_MAX = 2147483647;
    switch (decoder) {
      case 'device_config_response': {
        const feeds = new Set(
          Array.from({ length: this.integer(0, 16) }, () => this.text('abcdefghijklmnopqrstuvwxyz', 'abcdefghijklmnopqrstuvwxyz0123456789_.-', 1, 64)),
        );
        const config: JsonObject = { revision: this.integer(1, INT32_MAX), report_interval_s: this.integer(1, 86400), feeds: [...feeds] };
        if (this.chance(0.5)) config.max_payload_bytes = this.integer(256, INT32_MAX);
        return { code: 2000, request_id: this.requestId(), config };
      }
      case 'device_status_accepted': {
        const value: JsonObject = { code: 2000, request_id: this.requestId() };
        if (this.chance(0.5)) value.config_revision = this.integer(1, INT32_MAX);
        return value;
      }
      case 'feed_data_accepted':
        return { code: 2000, status: this.pick(['created', 'idempotent', 'processed']), message_id: this.messageId(), request_id: this.requestId() };
      case 'feed_data_ack': {
        const value: JsonObject = {
          message_id: this.messageId(),
          status: this.pick(['created', 'idempotent', 'processed', 'rejected']),
          retryable: this.chance(0.5),
        };
        // error.message always: its absence has a test of its own above.
        if (this.chance(0.6)) value.error = { type: this.label(64), message: this.unicode(128) };
        return value;
      }
      case 'http_error_response': {
        const codes = [...new Set(vectors.https.flatMap((vector) => (vector.code !== null && vector.code >= 4000 ? [vector.code] : [])))];
        const details = Object.fromEntries(Array.from({ length: this.integer(0, 4) }, () => [this.unicode(6), this.any(4)]));
        return { code: this.pick(codes), error: { type: this.label(64), message: this.unicode(128), details }, request_id: this.requestId() };
      }
    }
  }

  /** JSON text of `value`: members shuffled, sometimes indented, sometimes every non-ASCII character as \u escapes. */
  serialize(value: Json): string {
    const shuffled = (item: Json): Json => {
      if (Array.isArray(item)) return item.map(shuffled);
      if (item === null || typeof item !== 'object') return item;
      const members = Object.keys(item);
      for (let n = members.length - 1; n > 0; n--) {
        const other = this.integer(0, n);
        [members[n], members[other]] = [members[other]!, members[n]!];
      }
      return Object.fromEntries(members.map((member) => [member, shuffled(item[member]!)]));
    };
    const text = JSON.stringify(shuffled(value), null, this.chance(0.3) ? this.pick([1, '\t', ' \r\n']) : undefined);
    if (this.chance(0.5)) return text;
    // Outside strings JSON is ASCII, so every UTF-16 unit beyond it is inside one.
    return Array.from(text, (character) =>
      character.charCodeAt(0) < 0x80
        ? character
        : Array.from({ length: character.length }, (_, n) => `\\u${character.charCodeAt(n).toString(16).padStart(4, '0')}`).join(''),
    ).join('');
  }
}

describe.concurrent('round trips', () => {
  it('decode generated values as they were generated', async (context) => {
    const values = new Values(0x10717);
    const cases = DECODERS.flatMap((decoder) =>
      Array.from({ length: 8 }, (_, n) => {
        const value = values.of(decoder);
        return [`${decoder} #${n} ${json(value)}`, decoder, values.serialize(value), decodedForm(decoder, value)] as const;
      }),
    );
    context.expect(await mismatches(context, cases)).toEqual([]);
  });

  /** Encodes with `words` and reads what was written: the result, and the text when it is whole. */
  async function encoded(context: TestContext, commands: readonly (readonly string[])[]): Promise<{ result: number; nul: number; text: string }[]> {
    const results = (await harness(
      context,
      commands.map((words) => ['encode', ...words]),
    )) as { result: number; nul: number; hex: string }[];
    return results.map(({ result, nul, hex }) => ({ result, nul, text: Buffer.from(hex, 'hex').toString('utf8') }));
  }

  const ESCAPED = 'a "quoted" \\ back\nslash\t\u0001\u001f\u007f é€😀';
  const SUBMISSION = [
    'feed_data_submission',
    'message_id=01J9Z3V8Q6W2T5Y7K4M1N0P8R3',
    'sent_at=2026-11-21T10:15:00Z',
    ...['reading', 'feed=temperature', 'number=215/1', 'unit=Cel', 'recorded_at=2026-11-21T10:14:58Z'],
    ...['reading', 'feed=door.open', 'boolean=false'],
    ...['reading', 'feed=door.locked', 'boolean=true'],
    ...['reading', 'feed=note', `string=${ESCAPED}`],
    ...['reading', 'feed=delta', 'number=-5/2', 'unit=Cel'],
    ...['reading', 'feed=zero', 'number=0/0'],
    ...['reading', 'feed=precise', 'number=2147483647/9'],
    ...['reading', 'feed=lowest', 'number=-2147483648/0'],
    ...['reading', 'feed=hundred', 'number=100/2'],
  ];

  it('encode what the device sends as JSON.parse reads it back', async (context) => {
    const cases: readonly (readonly [readonly string[], Json])[] = [
      [
        ['device_status_report', 'firmware_version=2.4.1', 'uptime_s=86400', 'battery_pct=875/1', 'config_revision=7'],
        { firmware_version: '2.4.1', uptime_s: 86400, battery_pct: 87.5, config_revision: 7 },
      ],
      [['device_status_report', 'firmware_version=1', 'uptime_s=0'], { firmware_version: '1', uptime_s: 0 }],
      [
        ['device_status_report', `firmware_version=${'v'.repeat(32)}`, 'uptime_s=2147483647', 'battery_pct=0/0', 'config_revision=0'],
        { firmware_version: 'v'.repeat(32), uptime_s: 2147483647, battery_pct: 0, config_revision: 0 },
      ],
      [
        ['device_status_report', `firmware_version=${'é'.repeat(32)}`, 'uptime_s=1', 'battery_pct=100/0'],
        { firmware_version: 'é'.repeat(32), uptime_s: 1, battery_pct: 100 },
      ],
      [['device_status_report', 'firmware_version="\\', 'uptime_s=1', 'battery_pct=1000/1'], { firmware_version: '"\\', uptime_s: 1, battery_pct: 100 }],
      [
        SUBMISSION,
        {
          message_id: '01J9Z3V8Q6W2T5Y7K4M1N0P8R3',
          sent_at: '2026-11-21T10:15:00Z',
          readings: [
            { feed: 'temperature', value: 21.5, unit: 'Cel', recorded_at: '2026-11-21T10:14:58Z' },
            { feed: 'door.open', value: false },
            { feed: 'door.locked', value: true },
            { feed: 'note', value: ESCAPED },
            { feed: 'delta', value: -0.05, unit: 'Cel' },
            { feed: 'zero', value: 0 },
            { feed: 'precise', value: 2.147483647 },
            { feed: 'lowest', value: -2147483648 },
            { feed: 'hundred', value: 1 },
          ],
        },
      ],
      [['feed_data_submission', 'message_id=m', 'reading', 'feed=t', 'number=1/0'], { message_id: 'm', readings: [{ feed: 't', value: 1 }] }],
      [
        ['feed_data_submission', 'message_id=m', 'reading', 'feed=t', 'string=', 'unit=', 'recorded_at='],
        { message_id: 'm', readings: [{ feed: 't', value: '', unit: '', recorded_at: '' }] },
      ],
      [
        ['feed_data_submission', 'message_id=m', 'count=500', 'reading', 'feed=t', 'boolean=true'],
        { message_id: 'm', readings: Array.from({ length: 500 }, () => ({ feed: 't', value: true })) },
      ],
    ];
    const results = await encoded(
      context,
      cases.map(([words]) => words),
    );
    context.expect(results.map(({ text }) => JSON.parse(text) as Json)).toEqual(cases.map(([, want]) => want));
    // Whole: the result is the length written, and the NUL follows it.
    context.expect(results.filter(({ result, nul, text }) => result !== Buffer.byteLength(text) || nul !== result)).toEqual([]);
    // Decimals as written, without exponent or float rounding; controls as \u escapes.
    const text = results[5]!.text;
    for (const written of ['"value":21.5', '"value":-0.05', '"value":0}', '"value":2.147483647', '"value":-2147483648', '"value":1.00', '\\u0001\\u001f']) {
      context.expect(text).toContain(written);
    }
  });

  it('return the whole length at any capacity, and write what fits with a NUL', async (context) => {
    const [whole] = await encoded(context, [SUBMISSION]);
    const length = whole!.result;
    const bytes = Buffer.from(whole!.text);
    context.expect(bytes.length).toBe(length);
    const capacities = Array.from({ length: length + 2 }, (_, capacity) => capacity);
    const results = await encoded(
      context,
      capacities.map((capacity) => [...SUBMISSION, `capacity=${capacity}`]),
    );
    const wrong = capacities.flatMap((capacity, n) => {
      const { result, nul, text } = results[n]!;
      const fits = Math.min(length, capacity - 1);
      // Capacity 0 passes a NULL buffer (the snprintf idiom to ask the length).
      const want = capacity === 0 ? { result: length, nul: -1, text: '' } : { result: length, nul: fits, text: bytes.subarray(0, fits).toString('utf8') };
      return result === want.result && nul === want.nul && text === want.text ? [] : [`capacity ${capacity}: ${JSON.stringify(results[n])}`];
    });
    context.expect(wrong).toEqual([]);
  });

  it('refuse input beyond the schemas', async (context) => {
    const report = (...words: string[]): string[] => ['device_status_report', 'firmware_version=1.0', 'uptime_s=1', ...words];
    const submission = (...words: string[]): string[] => ['feed_data_submission', 'message_id=m', 'reading', 'feed=t', 'number=1/0', ...words];
    const cases: readonly (readonly [string, readonly string[], number])[] = [
      ['battery_pct 101', report('battery_pct=101/0'), OUT_OF_RANGE],
      ['battery_pct 100.1', report('battery_pct=1001/1'), OUT_OF_RANGE],
      ['battery_pct -0.01', report('battery_pct=-1/2'), OUT_OF_RANGE],
      ['a scale of 10', report('battery_pct=1/10'), OUT_OF_RANGE],
      ['uptime_s -1', ['device_status_report', 'firmware_version=1.0', 'uptime_s=-1'], OUT_OF_RANGE],
      ['config_revision -1', report('config_revision=-1'), OUT_OF_RANGE],
      ['firmware_version of 33', ['device_status_report', `firmware_version=${'v'.repeat(33)}`, 'uptime_s=1'], WRONG_SIZE],
      ['firmware_version of 33 non-ASCII', ['device_status_report', `firmware_version=${'é'.repeat(33)}`, 'uptime_s=1'], WRONG_SIZE],
      ['firmware_version empty', ['device_status_report', 'firmware_version=', 'uptime_s=1'], WRONG_SIZE],
      ['firmware_version NULL', ['device_status_report', 'uptime_s=1'], MISSING],
      ['message_id NULL', ['feed_data_submission', 'reading', 'feed=t', 'number=1/0'], MISSING],
      ['message_id of 65', ['feed_data_submission', `message_id=${'m'.repeat(65)}`, 'reading', 'feed=t', 'number=1/0'], WRONG_SIZE],
      ['readings_count 0', submission('count=0'), WRONG_SIZE],
      ['readings_count 501', submission('count=501'), WRONG_SIZE],
      ['readings NULL', submission('readings=null'), WRONG_SIZE],
      ['a feed NULL', ['feed_data_submission', 'message_id=m', 'reading', 'number=1/0'], MISSING],
      ['a feed of 65', ['feed_data_submission', 'message_id=m', 'reading', `feed=${'f'.repeat(65)}`, 'number=1/0'], WRONG_SIZE],
      ['a unit of 17', submission(`unit=${'u'.repeat(17)}`), WRONG_SIZE],
      ['a string value NULL', ['feed_data_submission', 'message_id=m', 'reading', 'feed=t', 'string'], MISSING],
    ];
    const results = await encoded(
      context,
      cases.map(([, words]) => words),
    );
    context
      .expect(Object.fromEntries(cases.map(([about], n) => [about, results[n]!.result])))
      .toEqual(Object.fromEntries(cases.map(([about, , code]) => [about, code])));
    // Nothing to send by mistake: the buffer holds an empty string (iotv1_json.h).
    context.expect(cases.flatMap(([about], n) => (results[n]!.nul === 0 ? [] : [`${about}: ${JSON.stringify(results[n])}`]))).toEqual([]);
  });
});

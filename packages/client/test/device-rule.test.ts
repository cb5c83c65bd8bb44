import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RESPONSE_CODES } from '@iotv1/registry';
import { requireTools, runTool } from '@iotv1/test-tools';
import { afterAll, describe, expect, it } from 'vitest';
import { deviceAction } from '../src/device-action.js';
import { interpret } from '../src/result.js';

/**
 * The device handling rule in two targets: for the same HTTP answer, `deviceAction(interpret(...))` of this client
 * and `iotv1_handle_response` of the C header (compiled by gcc, run on the host) must give the same action.
 */
const C_HEADER = fileURLToPath(new URL('../../c-header/src', import.meta.url));
/** iotv1_action_t's values, in order. */
const C_ACTIONS = ['success', 'retry_later', 'fix_request', 'reauthenticate', 'give_up'];

const STATUSES = [100, 199, 200, 201, 204, 302, 400, 401, 402, 403, 404, 408, 409, 413, 415, 422, 429, 499, 500, 502, 503, 504, 599, 600];
/** Every registry code, codes of each class the registry does not have, and numbers outside the code space. */
const CODES = [...RESPONSE_CODES.map((entry) => entry.code), 2999, 4777, 5999, 0, 999, 3001, 10000];

interface Answer {
  readonly status: number;
  /** The body's top-level `code`; absent for an older endpoint's body without one. */
  readonly code?: number;
}

const ANSWERS: readonly Answer[] = STATUSES.flatMap((status) => [{ status }, ...CODES.map((code) => ({ status, code }))]);

const work = mkdtempSync(join(tmpdir(), 'iotv1-device-rule-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A host program printing iotv1_handle_response for each answer, one action number per line. */
function programFor(answers: readonly Answer[]): string {
  const rows = answers.map(({ status, code }) => `  { ${status}u, ${code === undefined ? 0 : 1}, ${code ?? 0}u }`);
  return [
    '#include <stdio.h>',
    '#include "iotv1.h"',
    'static const struct { uint16_t status; int has_code; uint16_t code; } answers[] = {',
    rows.join(',\n'),
    '};',
    'int main(void) {',
    '  size_t i;',
    '  for (i = 0; i < sizeof answers / sizeof answers[0]; i++) printf("%d\\n", (int)iotv1_handle_response(answers[i].status, answers[i].has_code, answers[i].code));',
    '  return 0;',
    '}',
    '',
  ].join('\n');
}

describe('the device handling rule, in the client and in the C header', () => {
  it(`gives the same action for ${ANSWERS.length} HTTP answers`, async (context) => {
    requireTools(context, 'gcc');
    const program = join(work, 'rule.c');
    writeFileSync(program, programFor(ANSWERS));
    const binary = join(work, 'rule');
    await runTool('gcc', ['-std=c99', '-Wall', '-Werror', '-I', C_HEADER, program, join(C_HEADER, 'iotv1.c'), '-o', binary]);
    const fromC = (await runTool(binary, []))
      .trim()
      .split('\n')
      .map((line) => C_ACTIONS[Number(line)]);

    const disagreements = ANSWERS.flatMap((answer, i) => {
      const body = answer.code === undefined ? {} : { code: answer.code };
      const fromClient = deviceAction(interpret(answer.status, body, null));
      return fromClient === fromC[i] ? [] : [`HTTP ${answer.status}, code ${answer.code ?? 'none'}: client ${fromClient}, C ${fromC[i]}`];
    });
    expect(disagreements).toEqual([]);
  });

  it('trusts the HTTP status first: a success code on a failed status is no success in either target', () => {
    expect(deviceAction(interpret(500, { code: 2000 }, null))).toBe('give_up');
    expect(deviceAction(interpret(503, { code: 2000 }, null))).toBe('retry_later');
    expect(deviceAction(interpret(401, { code: 2000 }, null))).toBe('reauthenticate');
  });
});

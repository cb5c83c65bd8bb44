import { describe, expect, it } from 'vitest';
import { compiledPattern } from '../src/patterns.js';

/** Evaluates the emitted expression, as the compiled module would. */
function matcher(source: string): { test(text: string): boolean } {
  const expression = compiledPattern(source);
  if (expression === undefined) throw new Error(`${source} was not compiled`);
  return new Function(`return ${expression};`)() as { test(text: string): boolean };
}

const samples = [
  '',
  'a',
  'z',
  'A',
  '0',
  '_',
  '-',
  '.',
  ':',
  'ab',
  'a-b',
  'a.b',
  'a_b',
  'aB',
  '9a',
  'a9',
  'é',
  '😀',
  'a😀',
  'a\n',
  ' a',
  'x'.repeat(64),
  'x'.repeat(65),
];

describe('compiledPattern', () => {
  it.each([
    '^[a-z][a-z0-9_.-]*$',
    '^[a-z][a-z0-9_]*$',
    '^[A-Za-z0-9._:-]+$',
    '^[A-Za-z0-9_-]{1,64}$',
    '^[-a]{2}$',
    '^[a\\-z]{0,3}$',
    '^ab[0-9]+$',
    '^a\\.[a-z]{2,}$',
  ])('%s agrees with the RegExp on every sample', (source) => {
    const regExp = new RegExp(source, 'u');
    const compiled = matcher(source);
    for (const text of samples) expect([text, compiled.test(text)]).toEqual([text, regExp.test(text)]);
  });

  it.each(['a', '^a', 'a$', '^[^a]$', '^[a-z]*[0-9]$', '^\\d+$', '^[\\w]$', '^(a|b)$', '^a+?$', '^.$', '^[a-z]{2,1}$', '^[z-a]$'])(
    '%s keeps its RegExp',
    (source) => {
      expect(compiledPattern(source)).toBeUndefined();
    },
  );
});

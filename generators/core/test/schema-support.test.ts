import { describe, expect, it } from 'vitest';
import { checkSchemaSupport } from '../src/schema-support.js';
import type { SourceFile } from '../src/source.js';

/** A loaded spec file; lines are not what these cases are about. */
function sourceFile(data: unknown): SourceFile {
  return { absolutePath: '/spec/openapi.yaml', displayPath: 'spec/openapi.yaml', data, locate: () => undefined };
}

const UNSUPPORTED = 'schema/unsupported-keyword';
const FORMAT = 'schema/unknown-format';

const cases: [string, { given: unknown; want: [pointer: string, rule: string][] }][] = [
  ['a keyword of a schema', { given: { type: 'object', unevaluatedProperties: false }, want: [['/unevaluatedProperties', UNSUPPORTED]] }],
  ['a property named like a keyword', { given: { properties: { unevaluatedItems: { type: 'string' } } }, want: [] }],
  ['a keyword inside a property', { given: { properties: { a: { $dynamicRef: '#x' } } }, want: [['/properties/a/$dynamicRef', UNSUPPORTED]] }],
  [
    'an inline schema of a response named default',
    {
      given: { paths: { '/a': { get: { responses: { default: { content: { 'application/json': { schema: { $async: true } } } } } } } } },
      want: [['/paths/~1a/get/responses/default/content/application~1json/schema/$async', UNSUPPORTED]],
    },
  ],
  ['a component named like a keyword', { given: { components: { schemas: { unevaluatedProperties: { type: 'string' } } } }, want: [] }],
  [
    'examples, defaults and x- annotations, which are data',
    { given: { examples: [{ $async: true }], default: { format: 'x' }, 'x-note': { format: 'x' } }, want: [] },
  ],
  ['a format ajv-formats does not know', { given: { properties: { at: { type: 'string', format: 'timestamp' } } }, want: [['/properties/at/format', FORMAT]] }],
  ['a known format, in a property named format', { given: { properties: { format: { type: 'string', format: 'date-time' } } }, want: [] }],
];

describe('checkSchemaSupport', () => {
  it.each(cases)('%s', (_, { given, want }) => {
    expect(checkSchemaSupport([sourceFile(given)]).map((d) => [d.pointer, d.rule])).toEqual(want);
  });
});

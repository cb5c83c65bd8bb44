import { describe, expect, it } from 'vitest';
import { standaloneValidators } from '../src/standalone.js';

describe('standaloneValidators', () => {
  // The core accepts both in an inline schema; a strict Ajv that is not told about them refuses the schema.
  it('compiles an inline schema with OpenAPI and x- annotations', () => {
    const schema = { type: 'string', example: 'dev-0042', 'x-note': 'as provisioned' };
    expect(standaloneValidators({ schemas: [] }, [{ name: 'DeviceId', schema }])).toContain('DeviceId');
  });
});

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Each case runs @asyncapi/parser twice; on a loaded 2-core CI machine that takes seconds.
    testTimeout: 60_000,
  },
});

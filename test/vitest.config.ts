import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    exclude: ['fixtures/**', 'node_modules/**'],
    // Each case runs the real CLI in a child process (with the AsyncAPI parser): seconds, not milliseconds.
    testTimeout: 60_000,
  },
});

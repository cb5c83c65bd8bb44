import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**', 'work/**'],
    // Each case runs a third-party tool as a child process (Redocly, Prism, orval, tsc ...): seconds each.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});

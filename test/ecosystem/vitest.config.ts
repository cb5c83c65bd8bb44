import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**', 'work/**'],
    // Cases that run a third-party tool as a child process (Prism, Redocly, tsc ...) take seconds each.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // tools.test.ts starts all of its concurrent cases at once (22, default 5): they mostly wait on shared work, and
    // the child processes they start are limited in the file itself (support/scheduling.ts).
    maxConcurrency: 32,
  },
});

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**'],
    // Builds every release once per run (cached in node_modules/.cache/releases), before any test file starts.
    globalSetup: ['./global-setup.ts'],
    // A C build under the sanitizers, or today's servers started twice, take seconds on a loaded 2-core machine.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    // Any node_modules: a workspace package inside test/ (vector-runners) links packages whose own suites would run here.
    exclude: ['fixtures/**', '**/node_modules/**', 'ecosystem/**', 'replay/**', 'journey/**'],
    // Each case runs the real CLI in a child process (with the AsyncAPI parser): seconds, not milliseconds.
    testTimeout: 60_000,
    // Set-up hooks start browsers and servers and load the spec; on a loaded 2-core CI machine that takes seconds.
    hookTimeout: 120_000,
  },
});

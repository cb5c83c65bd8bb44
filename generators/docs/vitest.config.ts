import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The files share one worker and its loaded modules (the spec loader and its AsyncAPI parser, Handlebars, the
    // generator): they hold no state of their own (no mocks, fake timers or globals) and each loads its own model.
    isolate: false,
    // Loading the contract runs the AsyncAPI parser: seconds, more when turbo runs every package's tests at once.
    hookTimeout: 60_000,
    testTimeout: 30_000,
  },
});

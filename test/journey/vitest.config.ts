import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['*.test.ts'],
    // Each test sets its own bound: the journey's is the sum of its commands' bounds.
    hookTimeout: 120_000,
  },
});

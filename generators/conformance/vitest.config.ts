import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Loading a fixture contract runs the AsyncAPI parser: seconds, more when turbo runs every package's tests at once.
    hookTimeout: 60_000,
    testTimeout: 60_000,
  },
});

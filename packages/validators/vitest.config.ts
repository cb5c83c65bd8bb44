import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // The property tests run thousands of cases each: seconds on a 2-core CI machine that also runs the fuzzers and
    // compilers of other suites, beyond vitest's default 5 s.
    testTimeout: 60_000,
  },
});

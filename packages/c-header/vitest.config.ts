import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Every case runs a real compiler (CMake configures and builds a whole project): seconds on a loaded 2-core CI
    // machine, beyond vitest's default 5 s.
    testTimeout: 60_000,
    // Cleanup hooks remove CMake build trees, which takes seconds under the same load.
    hookTimeout: 60_000,
  },
});

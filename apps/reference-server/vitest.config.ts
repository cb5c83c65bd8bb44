import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Every case runs real TLS, a real broker, SQLite or a server process: on a 2-core CI machine shared with the
    // other suites a case can take several times vitest's default 5 s without anything being wrong.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});

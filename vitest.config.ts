import { defineConfig } from 'vitest/config';

// Argon2id at OWASP cost and real HTTPS servers: generous, but bounded.
const shared = { testTimeout: 30_000, hookTimeout: 60_000, pool: 'forks' } as const;

// The multi-node suite stops and restarts the machine's PostgreSQL: it runs on its own,
// after everything else (`npm test` runs the two projects one after the other).
const EXCLUSIVE = ['packages/server/test/multi-node/**/*.test.ts'];

export default defineConfig({
  test: {
    projects: [
      { test: { ...shared, name: 'parallel', include: ['packages/*/test/**/*.test.ts'], exclude: EXCLUSIVE } },
      { test: { ...shared, name: 'exclusive', include: EXCLUSIVE, fileParallelism: false } },
      // npm pack of each package, installed alone into empty projects: run by .ci/run, not npm test.
      { test: { ...shared, name: 'packaging', include: ['test/packaging/**/*.test.ts'], testTimeout: 120_000 } },
    ],
  },
});

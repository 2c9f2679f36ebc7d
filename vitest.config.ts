import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// Argon2id at OWASP cost and real HTTPS servers: generous, but bounded.
const shared = { testTimeout: 30_000, hookTimeout: 60_000, pool: 'forks' } as const;
// Vitest's default is a worker per core but one: a single worker on two cores. These files
// wait on sockets, child processes and argon2's threads as much as they compute, so two run
// side by side even there (the suite took over 20 minutes on one).
const maxWorkers = Math.max(2, availableParallelism() - 1);

// The multi-node suite stops and restarts the machine's PostgreSQL: it runs on its own,
// after everything else (`npm test` runs the two projects one after the other).
const EXCLUSIVE = ['packages/server/test/multi-node/**/*.test.ts'];

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          ...shared,
          name: 'parallel',
          include: ['packages/*/test/**/*.test.ts'],
          exclude: EXCLUSIVE,
          maxWorkers,
        },
      },
      { test: { ...shared, name: 'exclusive', include: EXCLUSIVE, fileParallelism: false } },
      // npm pack of each package, installed alone into empty projects: run by .ci/run, not npm test.
      { test: { ...shared, name: 'packaging', include: ['test/packaging/**/*.test.ts'], testTimeout: 120_000 } },
    ],
  },
});

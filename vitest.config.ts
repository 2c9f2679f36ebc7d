import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/*/test/**/*.test.ts'],
    // Argon2id at OWASP cost and real HTTPS servers: generous, but bounded.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});

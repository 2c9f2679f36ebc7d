// @ts-check
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { createCredentials } from '../lib/credentials.js';
import { fmt, perSecond } from '../lib/figure.js';
import { runLoad } from '../lib/load.js';
import { startServer } from '../lib/processes.js';
import { settings } from '../lib/settings.js';

/**
 * Drops and recreates the bench's own database, so no other user of the PostgreSQL server
 * (tests use `test`) is touched and every run starts from the same state.
 * @param {string} databaseUrl
 */
async function freshDatabase(databaseUrl) {
  const url = new URL(databaseUrl);
  const name = url.pathname.slice(1);
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`BENCH_DATABASE_URL: unexpected database name '${name}'`);
  url.pathname = '/postgres';
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
}

/**
 * Figure 7: validated requests per second with PostgreSQL-backed nodes, one node against
 * two, under the same load (one load generator spreading its connections over the nodes).
 * @param {string} workDir
 * @returns {Promise<import('../lib/figure.js').Row[]>}
 */
export async function scaleOut(workDir) {
  await freshDatabase(settings.databaseUrl);
  // Every node of a cluster unseals the signing keys in the database with the same key.
  const args = ['--database-url', settings.databaseUrl, '--key-encryption-key', randomBytes(32).toString('base64')];
  const first = await startServer(join(workDir, 'node-a'), args);
  try {
    const second = await startServer(join(workDir, 'node-b'), args);
    try {
      // Tokens are signed with keys kept in the database: one issued by the first node is
      // valid on both.
      const ca = readFileSync(join(workDir, 'node-a', 'tls-cert.pem'), 'utf8');
      const { bearer } = await createCredentials(first.url, ca);
      /** @param {string[]} urls */
      const load = (urls) =>
        runLoad({
          urls: urls.map((url) => `${url}/v2/clusters`),
          connections: settings.connections,
          durationSeconds: settings.durationSeconds,
          warmupSeconds: settings.warmupSeconds,
          headers: bearer,
        });
      const one = await load([first.url]);
      const two = await load([first.url, second.url]);
      const ratio = two.requestsPerSecond / one.requestsPerSecond;
      return [
        {
          figure: 7,
          name: `Scale-out on PostgreSQL: two nodes vs one (${settings.cores} cores)`,
          measured: `${perSecond(two.requestsPerSecond)} (${perSecond(two.requestsPerSecond / settings.cores)} per core)`,
          baseline: `one node ${perSecond(one.requestsPerSecond)} (${perSecond(one.requestsPerSecond / settings.cores)} per core)`,
          ratio,
          goal: 'report',
          met: null,
          details: { one, two, cores: settings.cores, ratio: fmt(ratio, 2) },
        },
      ];
    } finally {
      await second.stop();
    }
  } finally {
    await first.stop();
  }
}

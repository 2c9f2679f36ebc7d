import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import { bearer } from './identity.js';
import { startTestServer, type TestServer } from './start-server.js';
import { type StoreServer, startOnStore } from './store-server.js';

export interface LockoutCluster {
  readonly server: StoreServer;
  /** One node on SQLite; on PostgreSQL two nodes of one cluster, for bursts split over both. */
  readonly nodes: TestServer[];
  readonly adminToken: string;
  close(): Promise<void>;
}

/**
 * A cluster whose lockout locks after `maxAttempts` failures for 15 minutes, with no login
 * rate limit and 127.0.0.1 trusted as a proxy (tests pick source addresses).
 */
async function startLockoutCluster(onPostgres: boolean, maxAttempts: number): Promise<LockoutCluster> {
  const settings = { adminPassword: randomUUID(), loginRateLimit: 0, trustProxy: ['127.0.0.1'] };
  const server = await startOnStore(onPostgres, settings);
  const nodes = [server.t];
  if (server.databaseUrl) nodes.push(await startTestServer({ ...settings, databaseUrl: server.databaseUrl }));
  const adminToken = await server.t.login('admin', settings.adminPassword);
  const response = await server.t.send('PUT', '/v2/security-config', {
    headers: bearer(adminToken),
    body: { accountLockout: { maxFailedLoginAttempts: maxAttempts, failedLoginLockTimeDurationMins: 15 } },
  });
  if (response.status !== 200) throw new Error(`security-config failed: ${response.status} ${response.text}`);
  return {
    server,
    nodes,
    adminToken,
    async close() {
      for (const node of nodes.slice(1)) await node.close();
      await server.close();
    },
  };
}

/**
 * Starts a lockout cluster before the suite's tests and stops it after them; unless `skip`
 * (PostgreSQL unreachable), when the tests skip too. Answers the running cluster.
 */
export function useLockoutCluster(onPostgres: boolean, maxAttempts: number, skip: boolean): () => LockoutCluster {
  let cluster: LockoutCluster | undefined;
  beforeAll(async () => {
    if (!skip) cluster = await startLockoutCluster(onPostgres, maxAttempts);
  });
  afterAll(() => cluster?.close());
  return () => {
    if (!cluster) throw new Error('the lockout cluster is not running');
    return cluster;
  };
}

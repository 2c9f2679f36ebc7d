import { join } from 'node:path';
import type { ServerConfig } from '../config.js';
import { PostgresStore } from './postgres/postgres-store.js';
import { prepareDataDir } from './prepare-data-dir.js';
import { withReadCache } from './read-cache.js';
import { SqliteStore } from './sqlite/sqlite-store.js';
import type { Store } from './store.js';
import { type DatabaseRetry, waitForDatabase } from './wait-for-database.js';

/**
 * PostgreSQL when `databaseUrl` is set (several nodes share it), else the embedded SQLite
 * store in the data dir. The data dir (created owner-only) holds the TLS files either way.
 * An unreachable PostgreSQL is retried for `databaseWaitSeconds`, each retry told to `onRetry`.
 */
export async function openStore(
  config: Pick<ServerConfig, 'dataDir' | 'databaseUrl' | 'databaseWaitSeconds'>,
  onRetry: (retry: DatabaseRetry) => void = () => {},
): Promise<Store> {
  await prepareDataDir(config.dataDir);
  const { databaseUrl } = config;
  if (databaseUrl !== undefined) {
    return waitForDatabase(
      () => PostgresStore.open({ connectionString: databaseUrl }),
      config.databaseWaitSeconds * 1000,
      onRetry,
    );
  }
  return withReadCache(SqliteStore.open(join(config.dataDir, 'cohesity.db')));
}

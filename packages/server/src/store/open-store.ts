import { chmod, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { ServerConfig } from '../config.js';
import { PostgresStore } from './postgres/postgres-store.js';
import { SqliteStore } from './sqlite/sqlite-store.js';
import type { Store } from './store.js';

/**
 * PostgreSQL when `databaseUrl` is set (several nodes share it), else the embedded SQLite
 * store in the data dir. The data dir (created owner-only) holds the TLS files either way.
 */
export async function openStore(config: Pick<ServerConfig, 'dataDir' | 'databaseUrl'>): Promise<Store> {
  await mkdir(config.dataDir, { recursive: true, mode: 0o700 });
  await chmod(config.dataDir, 0o700);
  if (config.databaseUrl !== undefined) return PostgresStore.open({ connectionString: config.databaseUrl });
  return SqliteStore.open(join(config.dataDir, 'cohesity.db'));
}

import type { ServerConfig } from '../../src/config.js';
import { adminQuery, dropSchema, uniqueSchema, urlWithSchema } from './postgres.js';
import { startTestServer, type TestServer } from './start-server.js';
import { postgresState, type StoreState, sqliteState } from './store-state.js';

/** `describe.each(STORES)` runs a suite once per store. */
export const STORES = [
  ['SQLite', false],
  ['PostgreSQL', true],
] as const;

export interface StoreServer {
  readonly t: TestServer;
  /** Reads the server's database behind its back. */
  readonly state: StoreState;
  /** The PostgreSQL URL, for more nodes of the same cluster; undefined on SQLite. */
  readonly databaseUrl: string | undefined;
  /** Stops the server and drops its schema. */
  close(): Promise<void>;
}

/** A test server on SQLite, or on a PostgreSQL schema of its own. */
export async function startOnStore(onPostgres: boolean, overrides: Partial<ServerConfig> = {}): Promise<StoreServer> {
  const schema = onPostgres ? uniqueSchema('store') : undefined;
  if (schema) await adminQuery(`CREATE SCHEMA ${schema}`);
  const databaseUrl = schema ? urlWithSchema(schema) : undefined;
  const t = await startTestServer({ ...overrides, ...(databaseUrl ? { databaseUrl } : {}) });
  const state = schema ? await postgresState(schema) : sqliteState(t.dataDir);
  return {
    t,
    state,
    databaseUrl,
    async close() {
      await state.close();
      await t.close();
      if (schema) await dropSchema(schema);
    },
  };
}

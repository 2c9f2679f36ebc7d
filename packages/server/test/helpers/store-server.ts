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
  /** Stops the server and drops its schema. */
  close(): Promise<void>;
}

/** A test server on SQLite, or on a PostgreSQL schema of its own. */
export async function startOnStore(onPostgres: boolean, overrides: Partial<ServerConfig> = {}): Promise<StoreServer> {
  const schema = onPostgres ? uniqueSchema('store') : undefined;
  if (schema) await adminQuery(`CREATE SCHEMA ${schema}`);
  const t = await startTestServer({ ...overrides, ...(schema ? { databaseUrl: urlWithSchema(schema) } : {}) });
  const state = schema ? await postgresState(schema) : sqliteState(t.dataDir);
  return {
    t,
    state,
    async close() {
      await state.close();
      await t.close();
      if (schema) await dropSchema(schema);
    },
  };
}

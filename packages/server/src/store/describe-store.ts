import { join } from 'node:path';
import type { ServerConfig } from '../config.js';

/** Which store a config opens, in words for the banner and the start-up log line. */
export interface StoreDescription {
  kind: 'sqlite' | 'postgres';
  /** The SQLite file, or the PostgreSQL host, port and database: never the URL's user or password. */
  location: string;
}

export function describeStore(config: Pick<ServerConfig, 'dataDir' | 'databaseUrl'>): StoreDescription {
  if (config.databaseUrl === undefined) return { kind: 'sqlite', location: join(config.dataDir, 'cohesity.db') };
  try {
    const url = new URL(config.databaseUrl);
    return { kind: 'postgres', location: `${url.hostname || 'localhost'}:${url.port || '5432'}${url.pathname}` };
  } catch {
    return { kind: 'postgres', location: '(unparsable URL)' };
  }
}

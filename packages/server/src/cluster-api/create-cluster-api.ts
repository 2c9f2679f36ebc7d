import { join } from 'node:path';
import type { ServerConfig } from '../config.js';
import type { ClusterIdentity } from '../store/store.js';
import type { ClusterApiContext } from './cluster-api-context.js';
import { classifyOperations } from './collections.js';
import { SchemaValidators } from './schema-validators.js';
import { loadClusterApiSpec } from './spec.js';
import { postgresExecutor } from './store/postgres-executor.js';
import type { ResourceStore } from './store/resource-store.js';
import { SqlResources } from './store/sql-resources.js';
import { sqliteExecutor } from './store/sqlite-executor.js';

/** The resource table in the server's database (the store has migrated it already). */
export function openResourceStore(config: Pick<ServerConfig, 'dataDir' | 'databaseUrl'>): ResourceStore {
  return new SqlResources(
    config.databaseUrl === undefined
      ? sqliteExecutor(join(config.dataDir, 'cohesity.db'))
      : postgresExecutor(config.databaseUrl),
  );
}

/** Reads both documents and makes what every cluster-API handler shares. */
export function createClusterApi(options: {
  resources: ResourceStore;
  cluster: ClusterIdentity;
  runMsecs: number;
  now: () => number;
}): ClusterApiContext {
  const spec = loadClusterApiSpec();
  return {
    ...options,
    spec,
    validators: {
      text: new SchemaValidators(spec, { coerceTypes: 'array' }),
      plain: new SchemaValidators(spec, {}),
    },
    classified: classifyOperations(spec.operations),
    genericOperations: new Set(),
  };
}

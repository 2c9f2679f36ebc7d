import type { ClusterIdentity, Store } from '../store/store.js';
import type { ClusterApiContext } from './cluster-api-context.js';
import { classifyOperations } from './collections.js';
import { SchemaValidators } from './schema-validators.js';
import { loadClusterApiSpec } from './spec.js';
import type { ResourceStore } from './store/resource-store.js';
import { SqlResources } from './store/sql-resources.js';

/** The resource table, in the server's own database and on its store's connection. */
export function openResourceStore(store: Store): ResourceStore {
  // The SQLite file is this process's alone (the store claimed it); PostgreSQL is shared.
  return new SqlResources(store.runner, store.kind === 'sqlite');
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

import type { ClusterIdentity, Store } from '../store/store.js';
import { behaviourFor } from './behaviours.js';
import type { ClusterApiContext } from './cluster-api-context.js';
import { classifyOperations } from './collections.js';
import { createOperationRouter, type OperationRouter } from './operation-router.js';
import { SchemaValidators } from './schema-validators.js';
import { type ClusterApiSpec, loadClusterApiSpec } from './spec.js';
import type { ResourceStore } from './store/resource-store.js';
import { SqlResources } from './store/sql-resources.js';

/** The resource table, in the server's own database and on its store's connection. */
export function openResourceStore(store: Store): ResourceStore {
  // The SQLite file is this process's alone (the store claimed it); PostgreSQL is shared.
  return new SqlResources(store.runner, store.kind === 'sqlite');
}

/** What every cluster-API handler shares; the documents are read on first use. */
export function createClusterApi(options: {
  resources: ResourceStore;
  cluster: ClusterIdentity;
  runMsecs: number;
  now: () => number;
}): ClusterApiContext {
  let spec: ClusterApiSpec | undefined;
  let classified: ClusterApiContext['classified'] | undefined;
  let router: OperationRouter | undefined;
  let text: SchemaValidators | undefined;
  let plain: SchemaValidators | undefined;
  const ctx: ClusterApiContext = {
    ...options,
    knownRoutes: undefined,
    get spec() {
      spec ??= loadClusterApiSpec();
      return spec;
    },
    validators: {
      get text() {
        text ??= new SchemaValidators(ctx.spec, { coerceTypes: 'array' });
        return text;
      },
      get plain() {
        plain ??= new SchemaValidators(ctx.spec, {});
        return plain;
      },
    },
    get classified() {
      // Records are kept, and settings read, by what the generic handler alone answers (runs keep their own).
      classified ??= classifyOperations(
        ctx.spec.operations,
        (op) => ctx.genericOperations.has(`${op.version} ${op.operationId}`) && !behaviourFor(op),
      );
      return classified;
    },
    get router() {
      if (ctx.knownRoutes === undefined) throw new Error('the cluster API is not registered');
      router ??= createOperationRouter(ctx.spec.operations, ctx.knownRoutes);
      return router;
    },
    get genericOperations() {
      return ctx.router.generic;
    },
  };
  return ctx;
}

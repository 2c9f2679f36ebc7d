import type { KnownRoutes } from '../http/method-not-allowed.js';
import type { ClusterIdentity } from '../store/store.js';
import type { ClassifiedOperation } from './collections.js';
import type { OperationRouter } from './operation-router.js';
import type { SchemaValidators } from './schema-validators.js';
import type { ClusterApiSpec, Operation } from './spec.js';
import type { ResourceStore, TenantScope } from './store/resource-store.js';

/**
 * What every cluster-API handler needs. The documents, their validators and the router are
 * made on first use, not at start: reading 3 MB of JSON and compiling schemas would more
 * than double the start-up time.
 */
export interface ClusterApiContext {
  readonly spec: ClusterApiSpec;
  /** `text` coerces path and query text; `plain` checks bodies and responses as they are. */
  readonly validators: { readonly text: SchemaValidators; readonly plain: SchemaValidators };
  readonly resources: ResourceStore;
  readonly cluster: ClusterIdentity;
  readonly classified: ReadonlyMap<Operation, ClassifiedOperation>;
  /** How long a started protection run or recovery runs before it succeeds. */
  readonly runMsecs: number;
  /** The routes the server has besides these; set when the cluster API is registered. */
  knownRoutes: KnownRoutes | undefined;
  /** The operations no hand-written route answers, found by method and path (made on first use). */
  readonly router: OperationRouter;
  /** `${version} ${operationId}` of every operation the generic routes answer. */
  readonly genericOperations: ReadonlySet<string>;
  now(): number;
}

/**
 * `ctx` with its resources limited to one request's tenant scope; everything else (the
 * documents, validators and router, made on first use) stays shared with `ctx`.
 */
export function withScope(ctx: ClusterApiContext, scope: TenantScope): ClusterApiContext {
  return Object.create(ctx, { resources: { value: ctx.resources.scoped(scope) } }) as ClusterApiContext;
}

/** A handled request: the status and body to answer. */
export interface Answer {
  readonly status: number;
  readonly body?: unknown;
}

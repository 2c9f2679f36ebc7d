import type { ClusterIdentity } from '../store/store.js';
import type { ClassifiedOperation } from './collections.js';
import type { SchemaValidators } from './schema-validators.js';
import type { ClusterApiSpec, Operation } from './spec.js';
import type { ResourceStore } from './store/resource-store.js';

/** What every cluster-API handler needs, made once at start. */
export interface ClusterApiContext {
  readonly spec: ClusterApiSpec;
  /** `text` coerces path and query text; `plain` checks bodies and responses as they are. */
  readonly validators: { readonly text: SchemaValidators; readonly plain: SchemaValidators };
  readonly resources: ResourceStore;
  readonly cluster: ClusterIdentity;
  readonly classified: ReadonlyMap<Operation, ClassifiedOperation>;
  /** How long a started protection run or recovery runs before it succeeds. */
  readonly runMsecs: number;
  /** `${version} ${operationId}` of every operation the generic routes answer (filled at registration). */
  readonly genericOperations: Set<string>;
  now(): number;
}

/** A handled request: the status and body to answer. */
export interface Answer {
  readonly status: number;
  readonly body?: unknown;
}

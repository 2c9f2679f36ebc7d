import type { Answer, ClusterApiContext } from './cluster-api-context.js';
import type { ValidRequest } from './request-validation.js';
import type { Operation } from './spec.js';

/** Behaviour beyond the generic one, by version and operationId. */
export type Behaviour = (ctx: ClusterApiContext, operation: Operation, request: ValidRequest) => Promise<Answer>;

const BEHAVIOURS = new Map<string, Behaviour>([]);

export function behaviourFor(operation: Operation): Behaviour | undefined {
  return BEHAVIOURS.get(`${operation.version}:${operation.operationId}`);
}

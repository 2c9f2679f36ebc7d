import { getGroup, listGroups } from './behaviours/last-run.js';
import { listObjectRuns, listProtectedObjects } from './behaviours/protected-objects.js';
import { createRun, getGroupRun, listGroupRuns, listRunsV1 } from './behaviours/protection-runs.js';
import { listRegistrationInfo, listSourcesV2, listSourceTrees } from './behaviours/protection-sources.js';
import { cancelRecovery, createRecovery } from './behaviours/recoveries.js';
import type { Answer, ClusterApiContext } from './cluster-api-context.js';
import type { ValidRequest } from './request-validation.js';
import type { Operation } from './spec.js';

/** Behaviour beyond the generic one, by version and operationId. */
export type Behaviour = (ctx: ClusterApiContext, operation: Operation, request: ValidRequest) => Promise<Answer>;

const BEHAVIOURS = new Map<string, Behaviour>([
  ['v2:getProtectionGroups', listGroups],
  ['v2:getProtectionGroupById', getGroup],
  ['v1:getProtectionJobs', listGroups],
  ['v2:createProtectionGroupRun', createRun],
  ['v2:getProtectionGroupRuns', listGroupRuns],
  ['v2:getProtectionGroupRun', getGroupRun],
  ['v1:createRunProtectionJob', createRun],
  ['v1:getProtectionRuns', listRunsV1],
  ['v1:listProtectionSources', listSourceTrees],
  ['v1:listProtectionSourcesRegistrationInfo', listRegistrationInfo],
  ['v2:getProtectionSources', listSourcesV2],
  ['v2:getProtectedObjectsOfAnyType', listProtectedObjects],
  ['v2:getObjectRuns', listObjectRuns],
  ['v2:createRecovery', createRecovery],
  ['v1:createRecoverTask', createRecovery],
  ['v1:createCloneTask', createRecovery],
  ['v2:cancelRecoveryById', cancelRecovery],
  ['v1:updateCancelRestoreTask', cancelRecovery],
]);

export function behaviourFor(operation: Operation): Behaviour | undefined {
  return BEHAVIOURS.get(`${operation.version}:${operation.operationId}`);
}

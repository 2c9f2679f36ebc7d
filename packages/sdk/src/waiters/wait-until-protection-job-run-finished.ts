import type { ClusterClient } from '../cluster-client.js';
import type { OperationResult } from '../endpoints/operation-types.js';
import { stateOfStatus } from './state-of-status.js';
import { type WaiterOptions, waitUntil } from './wait-until.js';

/** A v1 protection job run, as `getProtectionRuns` lists it. */
export type ProtectionJobRun = OperationResult<'v1', 'getProtectionRuns'>[number];

/**
 * Waits until a v1 protection job run's backup has finished: resolves with the run when it
 * succeeded, throws `WaiterFailureError` when it failed or was canceled.
 * @example
 * const run = await waitUntilProtectionJobRunFinished({ client, maxWaitMsecs: 3_600_000 }, { jobId, jobRunId });
 */
export function waitUntilProtectionJobRunFinished(
  options: WaiterOptions & { client: ClusterClient },
  run: { jobId: number; jobRunId: number },
): Promise<ProtectionJobRun> {
  const { client, ...waiter } = options;
  return waitUntil(
    async (signal) => {
      const runs = await client.v1.protectionRuns.getProtectionRuns({ jobId: run.jobId }, signal ? { signal } : {});
      return runs.find((found) => found.backupRun?.jobRunId === run.jobRunId);
    },
    (found) => stateOfStatus(found?.backupRun?.status),
    waiter,
    `protection job run ${run.jobRunId}`,
  ) as Promise<ProtectionJobRun>;
}

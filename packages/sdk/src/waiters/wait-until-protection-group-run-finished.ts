import type { ClusterClient } from '../cluster-client.js';
import type { OperationResult } from '../endpoints/operation-types.js';
import { stateOfStatus } from './state-of-status.js';
import { type WaiterOptions, waitUntil } from './wait-until.js';

/** A protection group run, as `getProtectionGroupRun` answers it. */
export type ProtectionGroupRun = OperationResult<'v2', 'getProtectionGroupRun'>;

/**
 * Waits until a protection group run's local backup has finished: resolves with the run when
 * it succeeded, throws `WaiterFailureError` when it failed, was canceled, missed or skipped.
 * @example
 * const run = await waitUntilProtectionGroupRunFinished({ client, maxWaitMsecs: 3_600_000 }, { id, runId });
 */
export function waitUntilProtectionGroupRunFinished(
  options: WaiterOptions & { client: ClusterClient },
  run: { id: string; runId: string },
): Promise<ProtectionGroupRun> {
  const { client, ...waiter } = options;
  return waitUntil(
    (signal) => client.protectionGroup.getProtectionGroupRun(run, signal ? { signal } : {}),
    (found) => stateOfStatus(found.localBackupInfo?.status),
    waiter,
    `protection group run ${run.runId}`,
  );
}

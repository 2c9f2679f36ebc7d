import type { ClusterClient } from '../cluster-client.js';
import type { OperationResult } from '../endpoints/operation-types.js';
import { stateOfStatus } from './state-of-status.js';
import { type WaiterOptions, waitUntil } from './wait-until.js';

/** A recovery, as `getRecoveryById` answers it. */
export type Recovery = OperationResult<'v2', 'getRecoveryById'>;

/**
 * Waits until a recovery has finished: resolves with it when it succeeded, throws
 * `WaiterFailureError` when it failed or was canceled.
 * @example
 * const recovery = await waitUntilRecoveryFinished({ client, maxWaitMsecs: 3_600_000 }, { id });
 */
export function waitUntilRecoveryFinished(
  options: WaiterOptions & { client: ClusterClient },
  recovery: { id: string },
): Promise<Recovery> {
  const { client, ...waiter } = options;
  return waitUntil(
    (signal) => client.recovery.getRecoveryById(recovery, signal ? { signal } : {}),
    (found) => stateOfStatus(found.status),
    waiter,
    `recovery ${recovery.id}`,
  );
}

import type { ClusterClient } from '../cluster-client.js';
import type { OperationResult } from '../endpoints/operation-types.js';
import { stateOfStatus } from './state-of-status.js';
import { type WaiterOptions, waitUntil } from './wait-until.js';

/** A v1 restore task, as `getRestoreTaskById` answers it. */
export type RestoreTask = OperationResult<'v1', 'getRestoreTaskById'>;

/**
 * Waits until a v1 restore task has finished: resolves with it when it finished without an
 * `error`, throws `WaiterFailureError` when it finished with one or was cancelled.
 * @example
 * const task = await waitUntilRestoreTaskFinished({ client, maxWaitMsecs: 3_600_000 }, { id });
 */
export function waitUntilRestoreTaskFinished(
  options: WaiterOptions & { client: ClusterClient },
  task: { id: number },
): Promise<RestoreTask> {
  const { client, ...waiter } = options;
  return waitUntil(
    (signal) => client.v1.restoreTasks.getRestoreTaskById(task, signal ? { signal } : {}),
    (found) => (found.error ? 'failure' : stateOfStatus(found.status)),
    waiter,
    `restore task ${task.id}`,
  );
}

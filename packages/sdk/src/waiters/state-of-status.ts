import type { WaiterState } from './wait-until.js';

// The cluster's statuses of long work: v2 runs and recoveries (`BackupRunSummary.status`,
// `Recovery.status`), v1 runs (`StatusBackupRunEnum`) and restore tasks (`StatusRestoreTaskEnum`).
const SUCCEEDED = new Set(['Succeeded', 'SucceededWithWarning', 'kSuccess', 'kFinished']);
const ENDED = new Set(['Failed', 'Canceled', 'Missed', 'Skipped', 'kCanceled', 'kFailure', 'kCancelled']);

/** A run's or a recovery's status as a waiter reads it; anything else is still going. */
export function stateOfStatus(status: string | null | undefined): WaiterState {
  if (status && SUCCEEDED.has(status)) return 'success';
  return status && ENDED.has(status) ? 'failure' : 'retry';
}

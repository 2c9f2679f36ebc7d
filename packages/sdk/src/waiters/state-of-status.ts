import type { WaiterState } from './wait-until.js';

// The cluster's run and recovery statuses (`BackupRunSummary.status`, `Recovery.status`).
const SUCCEEDED = new Set(['Succeeded', 'SucceededWithWarning']);
const ENDED = new Set(['Failed', 'Canceled', 'Missed', 'Skipped']);

/** A run's or a recovery's status as a waiter reads it; anything else is still going. */
export function stateOfStatus(status: string | null | undefined): WaiterState {
  if (status && SUCCEEDED.has(status)) return 'success';
  return status && ENDED.has(status) ? 'failure' : 'retry';
}

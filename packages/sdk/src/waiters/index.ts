export {
  WaiterFailureError,
  type WaiterOptions,
  type WaiterState,
  WaiterTimeoutError,
  waitUntil,
} from './wait-until.js';
export {
  type ProtectionGroupRun,
  waitUntilProtectionGroupRunFinished,
} from './wait-until-protection-group-run-finished.js';
export {
  type ProtectionJobRun,
  waitUntilProtectionJobRunFinished,
} from './wait-until-protection-job-run-finished.js';
export { type Recovery, waitUntilRecoveryFinished } from './wait-until-recovery-finished.js';
export { type RestoreTask, waitUntilRestoreTaskFinished } from './wait-until-restore-task-finished.js';

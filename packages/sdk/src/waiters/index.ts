export { type ProtectionGroupRun, waitUntilProtectionGroupRunFinished } from './wait-for-protection-group-run.js';
export { type Recovery, waitUntilRecoveryFinished } from './wait-for-recovery.js';
export {
  WaiterFailureError,
  type WaiterOptions,
  type WaiterState,
  WaiterTimeoutError,
  waitUntil,
} from './wait-until.js';

/** Helpers for testing clients against the stand-in server (started with `--faults`). */
export { connectStandInFaults, type StandInFaults, type StandInFaultsOptions } from './stand-in-faults.js';

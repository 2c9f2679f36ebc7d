// @ts-check
import { availableParallelism } from 'node:os';

/** @param {string} name @param {number} fallback */
function number(name, fallback) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!(Number.isFinite(value) && value >= 0)) throw new Error(`${name} must be a non-negative number, not '${raw}'`);
  return value;
}

/** Every knob of the suite, read once from the environment (README: Performance). */
export const settings = {
  /** Seconds of each measured load run. */
  durationSeconds: number('BENCH_DURATION', 10),
  /** Seconds of unmeasured load before each run. */
  warmupSeconds: number('BENCH_WARMUP', 2),
  /** Keep-alive connections of the throughput runs (server and baseline alike). */
  connections: number('BENCH_CONNECTIONS', 16),
  /** Validated requests before the second memory reading (figure 6). */
  memoryRequests: number('BENCH_MEMORY_REQUESTS', 1_000_000),
  /** Concurrent SDK calls in the refresh storm (figure 5). */
  stormCalls: number('BENCH_STORM_CALLS', 1000),
  /** PostgreSQL database the scale-out figure creates afresh (figure 7). */
  databaseUrl: process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/cohesity_bench',
  /** Extra flags for every server started, e.g. "--log-level warn" to see what logging costs. */
  serverArgs: (process.env.BENCH_SERVER_ARGS ?? '').split(' ').filter(Boolean),
  /** Figures to run, e.g. "1,4"; all by default. */
  only: (process.env.BENCH_ONLY ?? '').split(',').filter(Boolean).map(Number),
  cores: availableParallelism(),
};

// @ts-check
// Runs in its own process so the load never shares an event loop with what it measures.
// Usage: node load-generator.js '<LoadOptions JSON>'; prints a LoadResult as JSON on stdout.
import autocannon from 'autocannon';

/** @typedef {import('./load.js').LoadOptions} LoadOptions */
/** @typedef {import('./load.js').LoadResult} LoadResult */

/** @param {autocannon.Options} options */
const fire = (options) => autocannon(options);

/** @type {LoadOptions} */
const options = JSON.parse(process.argv[2] ?? '{}');
const base = {
  // autocannon 8 spreads the connections over an array of URLs; its typings only know one.
  url: /** @type {string} */ (/** @type {unknown} */ (options.urls.length === 1 ? options.urls[0] : options.urls)),
  connections: options.connections,
  method: options.method ?? 'GET',
  headers: options.headers ?? {},
  ...(options.body === undefined ? {} : { body: options.body }),
  ...(options.overallRate === undefined ? {} : { overallRate: options.overallRate }),
};

const warmup = options.warmupSeconds > 0 ? await fire({ ...base, duration: options.warmupSeconds }) : undefined;
const result = await fire(
  options.amount === undefined ? { ...base, duration: options.durationSeconds } : { ...base, amount: options.amount },
);
/** @type {LoadResult} */
const summary = {
  ok: result['2xx'],
  warmupOk: warmup?.['2xx'] ?? 0,
  notOk: result.non2xx,
  errors: result.errors,
  seconds: result.duration,
  requestsPerSecond: result['2xx'] / result.duration,
  latencyMs: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
};
process.stdout.write(JSON.stringify(summary));

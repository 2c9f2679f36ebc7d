// @ts-check
import { fileURLToPath } from 'node:url';
import { runJsonChild } from './child.js';

const GENERATOR = fileURLToPath(new URL('./load-generator.js', import.meta.url));

/**
 * @typedef {object} LoadOptions What one autocannon run sends.
 * @property {string[]} urls one or more targets (connections are spread over them)
 * @property {number} connections keep-alive connections, no pipelining
 * @property {number} durationSeconds ignored when `amount` is set
 * @property {number} [amount] stop after this many requests instead
 * @property {number} warmupSeconds the same load, unmeasured, first
 * @property {'GET' | 'POST'} [method]
 * @property {Record<string, string>} [headers]
 * @property {string} [body]
 * @property {number} [overallRate] requests per second across all connections (latency probes)
 */

/**
 * @typedef {object} LoadResult
 * @property {number} ok 2xx answers
 * @property {number} warmupOk 2xx answers during the warm-up
 * @property {number} notOk other answers
 * @property {number} errors connection errors and timeouts
 * @property {number} seconds
 * @property {number} requestsPerSecond 2xx answers per second
 * @property {{ p50: number, p99: number, max: number }} latencyMs
 */

/**
 * Runs autocannon in a child process and returns its summary. Any non-2xx answer or error
 * fails the run: a figure made of rejected requests would measure the wrong thing.
 * @param {LoadOptions} options
 * @returns {Promise<LoadResult>}
 */
export async function runLoad(options) {
  const result = /** @type {LoadResult} */ (await runJsonChild(GENERATOR, options));
  if (result.notOk > 0 || result.errors > 0) {
    throw new Error(`load against ${options.urls.join(', ')}: ${result.notOk} non-2xx, ${result.errors} errors`);
  }
  return result;
}

/**
 * Runs `runLoad` and also answers the server's CPU time per answered request (warm-up
 * included): unlike requests per second, it hardly moves when other work shares the machine.
 * @param {LoadOptions} options
 * @param {{ cpuSeconds(): number }} server
 */
export async function runLoadOn(options, server) {
  const before = server.cpuSeconds();
  const result = await runLoad(options);
  const cpuMicrosPerRequest = ((server.cpuSeconds() - before) * 1e6) / (result.ok + result.warmupOk);
  return { ...result, cpuMicrosPerRequest };
}

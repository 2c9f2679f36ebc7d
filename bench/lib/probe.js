// @ts-check
import { runLoad } from './load.js';

// A steady trickle, as monitoring or a UI would make: enough samples for a p99.
export const PROBE_RATE = 100;

/**
 * `PROBE_RATE` public `basicClusterInfo` calls a second for `seconds`: its latencies show how
 * long the server's event loop keeps a request waiting.
 * @param {{ url: string }} server
 * @param {number} seconds
 * @param {number} [warmupSeconds]
 */
export function probeLatency(server, seconds, warmupSeconds = 1) {
  return runLoad({
    urls: [`${server.url}/irisservices/api/v1/public/basicClusterInfo`],
    connections: 2,
    overallRate: PROBE_RATE,
    durationSeconds: seconds,
    warmupSeconds,
  });
}

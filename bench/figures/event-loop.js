// @ts-check
import { join } from 'node:path';
import { ADMIN_LOGIN } from '../lib/credentials.js';
import { millis, perSecond } from '../lib/figure.js';
import { runLoad } from '../lib/load.js';
import { PROBE_RATE, probeLatency } from '../lib/probe.js';
import { startServer } from '../lib/processes.js';
import { settings } from '../lib/settings.js';

const GOAL_MS = 20;

/**
 * Figure 3: p99 of `basicClusterInfo` while logins keep every core hashing, against its
 * p99 on the idle server.
 * @param {string} workDir
 * @returns {Promise<import('../lib/figure.js').Row[]>}
 */
export async function eventLoop(workDir) {
  const server = await startServer(join(workDir, 'event-loop'));
  try {
    const probe = () => probeLatency(server, settings.durationSeconds);
    const idle = await probe();
    const logins = runLoad({
      urls: [`${server.url}/v2/access-tokens`],
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: ADMIN_LOGIN,
      connections: settings.cores * 4,
      durationSeconds: settings.durationSeconds + 4,
      warmupSeconds: 0,
    });
    // Let the logins fill the hasher's queue before the probe starts its warm-up.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const loaded = await probe();
    const login = await logins;
    return [
      {
        figure: 3,
        name: `basicClusterInfo p99 while logins saturate the CPU (${PROBE_RATE} req/s probe)`,
        measured: millis(loaded.latencyMs.p99),
        baseline: `idle p99 ${millis(idle.latencyMs.p99)}`,
        ratio: loaded.latencyMs.p99 / idle.latencyMs.p99,
        goal: `≤ ${GOAL_MS} ms`,
        met: loaded.latencyMs.p99 <= GOAL_MS,
        details: { idle, loaded, logins: login, loginsPerSecond: perSecond(login.requestsPerSecond) },
      },
    ];
  } finally {
    await server.stop();
  }
}

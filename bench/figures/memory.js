// @ts-check
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createCredentials } from '../lib/credentials.js';
import { fmt, perSecond } from '../lib/figure.js';
import { runLoad } from '../lib/load.js';
import { startServer } from '../lib/processes.js';
import { settings } from '../lib/settings.js';

const FIRST = 10_000;
const GOAL = 1.2;

const mib = (/** @type {number} */ bytes) => `${fmt(bytes / 2 ** 20, 1)} MiB`;

/**
 * Figure 6: the server's RSS after BENCH_MEMORY_REQUESTS validated requests against its RSS
 * after the first 10,000. Each reading waits a second for the load to drain.
 * @param {string} workDir
 * @returns {Promise<import('../lib/figure.js').Row[]>}
 */
export async function memory(workDir) {
  const dataDir = join(workDir, 'memory');
  const server = await startServer(dataDir);
  try {
    const ca = readFileSync(join(dataDir, 'tls-cert.pem'), 'utf8');
    const { bearer } = await createCredentials(server.url, ca);
    /** @param {number} amount */
    const load = (amount) =>
      runLoad({
        urls: [`${server.url}/v2/clusters`],
        connections: settings.connections,
        durationSeconds: 0,
        warmupSeconds: 0,
        amount,
        headers: bearer,
      });
    const total = Math.max(settings.memoryRequests, FIRST);
    const first = await load(FIRST);
    await sleep(1_000);
    const early = server.rssBytes();
    const rest = total > FIRST ? await load(total - FIRST) : undefined;
    await sleep(1_000);
    const late = server.rssBytes();
    const ratio = late / early;
    return [
      {
        figure: 6,
        name: `Server RSS after ${fmt(total)} validated requests`,
        measured: mib(late),
        baseline: `after ${fmt(FIRST)}: ${mib(early)}`,
        ratio,
        goal: `≤ ${fmt(GOAL, 1)}`,
        met: ratio <= GOAL,
        details: {
          total,
          earlyBytes: early,
          lateBytes: late,
          rate: perSecond((rest ?? first).requestsPerSecond),
          first,
          rest,
        },
      },
    ];
  } finally {
    await server.stop();
  }
}

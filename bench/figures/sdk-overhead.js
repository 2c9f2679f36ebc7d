// @ts-check
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCredentials } from '../lib/credentials.js';
import { fmt, mean, perSecond } from '../lib/figure.js';
import { startServer } from '../lib/processes.js';
import { runDriver } from '../lib/sdk.js';
import { settings } from '../lib/settings.js';

const GOAL = 0.9;
const ROUNDS = 2;

/**
 * Figure 4: `client.platform.getCluster()` per second against `undici.request` of the same
 * URL with the same header, with one call in flight and with BENCH_CONNECTIONS, alternating
 * so that drift hits both alike.
 * @param {string} workDir
 * @returns {Promise<import('../lib/figure.js').Row[]>}
 */
export async function sdkOverhead(workDir) {
  const dataDir = join(workDir, 'sdk-overhead');
  const server = await startServer(dataDir);
  try {
    const ca = readFileSync(join(dataDir, 'tls-cert.pem'), 'utf8');
    const { token } = await createCredentials(server.url, ca);
    /** @type {import('../lib/figure.js').Row[]} */
    const rows = [];
    for (const concurrency of [1, settings.connections]) {
      const common = {
        url: server.url,
        ca,
        concurrency,
        durationSeconds: settings.durationSeconds,
        warmupSeconds: settings.warmupSeconds,
      };
      /** @type {{ callsPerSecond: number, cpuMicrosPerCall: number }[]} */
      const raw = [];
      /** @type {{ callsPerSecond: number, cpuMicrosPerCall: number }[]} */
      const sdk = [];
      for (let i = 0; i < ROUNDS; i++) {
        raw.push(await runDriver({ ...common, mode: 'undici', authorization: `Bearer ${token}` }));
        sdk.push(await runDriver({ ...common, mode: 'sdk' }));
      }
      /** @param {typeof raw} runs */
      const rate = (runs) => mean(runs.map((r) => r.callsPerSecond));
      /** @param {typeof raw} runs */
      const cpu = (runs) => fmt(mean(runs.map((r) => r.cpuMicrosPerCall)));
      const ratio = rate(sdk) / rate(raw);
      rows.push({
        figure: 4,
        name: `SDK getCluster() vs raw undici.request, ${concurrency} call${concurrency === 1 ? '' : 's'} in flight`,
        measured: `${perSecond(rate(sdk))} (${cpu(sdk)} µs client CPU/call)`,
        baseline: `undici.request ${perSecond(rate(raw))} (${cpu(raw)} µs)`,
        ratio,
        goal: `≥ ${fmt(GOAL, 2)}`,
        met: ratio >= GOAL,
        details: { sdk, raw, concurrency },
      });
    }
    return rows;
  } finally {
    await server.stop();
  }
}

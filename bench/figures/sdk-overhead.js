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
 * URL with the same header, alternating so that drift hits both alike.
 * @param {string} workDir
 * @returns {Promise<import('../lib/figure.js').Row[]>}
 */
export async function sdkOverhead(workDir) {
  const dataDir = join(workDir, 'sdk-overhead');
  const server = await startServer(dataDir);
  try {
    const ca = readFileSync(join(dataDir, 'tls-cert.pem'), 'utf8');
    const { token } = await createCredentials(server.url, ca);
    const common = {
      url: server.url,
      ca,
      concurrency: settings.connections,
      durationSeconds: settings.durationSeconds,
      warmupSeconds: settings.warmupSeconds,
    };
    /** @type {number[]} */
    const raw = [];
    /** @type {number[]} */
    const sdk = [];
    for (let i = 0; i < ROUNDS; i++) {
      /** @type {{ callsPerSecond: number }} */
      const u = await runDriver({ ...common, mode: 'undici', authorization: `Bearer ${token}` });
      raw.push(u.callsPerSecond);
      /** @type {{ callsPerSecond: number }} */
      const s = await runDriver({ ...common, mode: 'sdk' });
      sdk.push(s.callsPerSecond);
    }
    const ratio = mean(sdk) / mean(raw);
    return [
      {
        figure: 4,
        name: 'SDK getCluster() vs raw undici.request',
        measured: perSecond(mean(sdk)),
        baseline: `undici.request ${perSecond(mean(raw))}`,
        ratio,
        goal: `≥ ${fmt(GOAL, 2)}`,
        met: ratio >= GOAL,
        details: { sdk, raw, concurrency: settings.connections },
      },
    ];
  } finally {
    await server.stop();
  }
}

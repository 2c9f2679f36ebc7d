// @ts-check
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fmt, median, millis } from '../lib/figure.js';
import { startServer } from '../lib/processes.js';
import { runDriver } from '../lib/sdk.js';
import { settings } from '../lib/settings.js';

// Long enough that a storm (1,000 new TLS connections) ends well before the next renewal.
const TTL_SECONDS = 8;
const GOAL = 1.2;

/**
 * Figure 5: concurrent SDK calls made just after the token expired, against the same calls
 * with a fresh token: logins made, and the time taken.
 * @param {string} workDir
 * @returns {Promise<import('../lib/figure.js').Row[]>}
 */
export async function refreshStorm(workDir) {
  const dataDir = join(workDir, 'refresh-storm');
  const server = await startServer(dataDir, ['--token-ttl-seconds', String(TTL_SECONDS)]);
  try {
    const ca = readFileSync(join(dataDir, 'tls-cert.pem'), 'utf8');
    /** @type {{ fresh: { ms: number, logins: number }[], expired: { ms: number, logins: number }[] }} */
    const result = await runDriver({
      mode: 'storm',
      url: server.url,
      ca,
      calls: settings.stormCalls,
      ttlSeconds: TTL_SECONDS,
      rounds: 3,
    });
    const expiredMs = median(result.expired.map((r) => r.ms));
    const freshMs = median(result.fresh.map((r) => r.ms));
    const logins = result.expired.map((r) => r.logins);
    const ratio = expiredMs / freshMs;
    const calls = fmt(settings.stormCalls);
    return [
      {
        figure: 5,
        name: `Refresh storm: logins for ${calls} concurrent calls after expiry (per round)`,
        measured: logins.join(', '),
        baseline: '–',
        ratio: null,
        goal: 'exactly 1',
        met: logins.every((n) => n === 1),
        details: result,
      },
      {
        figure: 5,
        name: `Refresh storm: time of ${calls} concurrent calls across expiry`,
        measured: millis(expiredMs),
        baseline: `fresh token ${millis(freshMs)}`,
        ratio,
        goal: `≤ ${fmt(GOAL, 1)}`,
        met: ratio <= GOAL,
        details: result,
      },
    ];
  } finally {
    await server.stop();
  }
}

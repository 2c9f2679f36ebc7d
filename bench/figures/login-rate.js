// @ts-check
import { join } from 'node:path';
import { PasswordHasher } from '../../packages/server/dist/auth/passwords.js';
import { ADMIN_LOGIN } from '../lib/credentials.js';
import { fmt, median, millis, perSecond } from '../lib/figure.js';
import { runLoad } from '../lib/load.js';
import { startServer } from '../lib/processes.js';
import { settings } from '../lib/settings.js';

const GOAL = 0.85;

/**
 * The time of one argon2id verify with the server's own hasher and parameters, one at a
 * time on an otherwise idle machine: the median of 15 after 3 to warm up.
 */
export async function timeOneVerify() {
  const hasher = await PasswordHasher.create();
  const phc = await hasher.hash('admin');
  /** @type {number[]} */
  const times = [];
  for (let i = 0; i < 18; i++) {
    const start = performance.now();
    if (!(await hasher.verify(phc, 'admin'))) throw new Error('argon2 verify failed');
    if (i >= 3) times.push(performance.now() - start);
  }
  return median(times);
}

/**
 * Figure 2: logins per second against what the cores can hash at best (cores ÷ one verify).
 * @param {string} workDir
 * @returns {Promise<import('../lib/figure.js').Row[]>}
 */
export async function loginRate(workDir) {
  const server = await startServer(join(workDir, 'login-rate'));
  try {
    const verifyMs = await timeOneVerify();
    const limit = settings.cores / (verifyMs / 1000);
    const result = await runLoad({
      urls: [`${server.url}/v2/access-tokens`],
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: ADMIN_LOGIN,
      connections: settings.cores * 4,
      durationSeconds: settings.durationSeconds,
      warmupSeconds: settings.warmupSeconds,
    });
    const ratio = result.requestsPerSecond / limit;
    return [
      {
        figure: 2,
        name: 'Logins (POST /v2/access-tokens) vs the hashing limit',
        measured: perSecond(result.requestsPerSecond),
        baseline: `${settings.cores} cores ÷ ${millis(verifyMs)} = ${perSecond(limit)}`,
        ratio,
        goal: `≥ ${fmt(GOAL, 2)}`,
        met: ratio >= GOAL,
        details: { result, verifyMs, cores: settings.cores },
      },
    ];
  } finally {
    await server.stop();
  }
}

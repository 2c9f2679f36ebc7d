// @ts-check
import { join } from 'node:path';
import { PasswordHasher } from '../../packages/server/dist/auth/passwords.js';
import { ADMIN_LOGIN } from '../lib/credentials.js';
import { fmt, mean, median, millis, perSecond } from '../lib/figure.js';
import { runLoad } from '../lib/load.js';
import { startServer } from '../lib/processes.js';
import { settings } from '../lib/settings.js';

const GOAL = 0.85;

/**
 * The time of one argon2id verify with the server's own hasher and parameters, one at a
 * time on an otherwise idle machine: the median of 15 after 3 to warm up.
 */
async function timeOneVerify() {
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
 * What the hashing alone reaches with every core busy: `cores` verifies at a time, in rounds,
 * for about three seconds. Cores running argon2 side by side are each slower than one alone
 * (they share caches and memory bandwidth), so this is the ceiling a server can meet.
 */
async function parallelVerifiesPerSecond() {
  const hasher = await PasswordHasher.create({ concurrency: settings.cores });
  const phc = await hasher.hash('admin');
  const round = () => Promise.all(Array.from({ length: settings.cores }, () => hasher.verify(phc, 'admin')));
  await round();
  let verifies = 0;
  const start = performance.now();
  while (performance.now() - start < 3000) {
    await round();
    verifies += settings.cores;
  }
  return verifies / ((performance.now() - start) / 1000);
}

/**
 * Figure 2: logins per second against what the cores can hash at best (cores ÷ one verify).
 * One verify is timed just before and just after the load and the two averaged, since this
 * shared machine's speed drifts. A second, informational row compares the logins with the
 * hashing alone on every core at once.
 * @param {string} workDir
 * @returns {Promise<import('../lib/figure.js').Row[]>}
 */
export async function loginRate(workDir) {
  const server = await startServer(join(workDir, 'login-rate'));
  try {
    const verifyBeforeMs = await timeOneVerify();
    const result = await runLoad({
      urls: [`${server.url}/v2/access-tokens`],
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: ADMIN_LOGIN,
      connections: settings.cores * 4,
      durationSeconds: settings.durationSeconds,
      warmupSeconds: settings.warmupSeconds,
    });
    const verifyAfterMs = await timeOneVerify();
    const hashingAlone = await parallelVerifiesPerSecond();
    const verifyMs = mean([verifyBeforeMs, verifyAfterMs]);
    const limit = settings.cores / (verifyMs / 1000);
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
        details: { result, verifyBeforeMs, verifyAfterMs, verifyMs, cores: settings.cores },
      },
      {
        figure: 2,
        name: `Logins vs hashing alone, ${settings.cores} verifies at a time (what the cores reach)`,
        measured: perSecond(result.requestsPerSecond),
        baseline: `${perSecond(hashingAlone)} (${fmt(hashingAlone / limit, 2)} of the limit above)`,
        ratio: result.requestsPerSecond / hashingAlone,
        goal: 'report',
        met: null,
        details: { hashingAlone },
      },
    ];
  } finally {
    await server.stop();
  }
}

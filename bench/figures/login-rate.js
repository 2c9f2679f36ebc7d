// @ts-check
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { PasswordHasher } from '../../packages/server/dist/auth/passwords.js';
import { ADMIN_LOGIN } from '../lib/credentials.js';
import { fmt, mean, median, millis, perSecond } from '../lib/figure.js';
import { runLoad } from '../lib/load.js';
import { probeLatency } from '../lib/probe.js';
import { startServer } from '../lib/processes.js';
import { settings } from '../lib/settings.js';

const GOAL = 0.85;
const P99_GOAL_MS = 20;

/**
 * The time of one argon2id verify with the server's own hasher and parameters, one at a
 * time: the median of 15 after 3 to warm up. Informational: two verifies side by side on
 * these cores are each slower than one alone, so `cores ÷ this` is no ceiling.
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
 * What the hashing alone reaches with every core busy, for `seconds`: one verify always in
 * flight per core, with the server's hasher and parameters, and this process's CPU time per
 * verify. This is the ceiling a server can meet on these cores.
 * @param {number} seconds
 */
async function verifiesPerSecond(seconds) {
  const hasher = await PasswordHasher.create({ concurrency: settings.cores });
  const phc = await hasher.hash('admin');
  const end = performance.now() + seconds * 1000;
  let verifies = 0;
  const cpu = process.cpuUsage();
  const start = performance.now();
  await Promise.all(
    Array.from({ length: settings.cores }, async () => {
      while (performance.now() < end) {
        if (!(await hasher.verify(phc, 'admin'))) throw new Error('argon2 verify failed');
        verifies++;
      }
    }),
  );
  const used = process.cpuUsage(cpu);
  return {
    perSecond: verifies / ((performance.now() - start) / 1000),
    cpuMsecsPerVerify: (used.user + used.system) / 1000 / verifies,
  };
}

/**
 * Figure 2: logins per second against the argon2id verifies per second that the same cores
 * reach with the server's parameters, measured just before and just after the logins and
 * averaged (this shared machine's speed drifts). While the logins run, a probe of 100
 * public requests a second measures how long the event loop keeps a request waiting.
 * @param {string} workDir
 * @returns {Promise<import('../lib/figure.js').Row[]>}
 */
export async function loginRate(workDir) {
  const server = await startServer(join(workDir, 'login-rate'));
  try {
    const oneVerifyMs = await timeOneVerify();
    const before = await verifiesPerSecond(settings.durationSeconds);
    const cpuBefore = server.cpuSeconds();
    const logins = runLoad({
      urls: [`${server.url}/v2/access-tokens`],
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: ADMIN_LOGIN,
      connections: settings.cores * 4,
      durationSeconds: settings.durationSeconds,
      warmupSeconds: settings.warmupSeconds,
    });
    // The probe starts once the logins keep the hasher's queue full, and ends before they do.
    await sleep((settings.warmupSeconds + 1) * 1000);
    const probe = await probeLatency(server, Math.max(1, settings.durationSeconds - 2), 0);
    const result = await logins;
    const cpuMsecsPerLogin = ((server.cpuSeconds() - cpuBefore) * 1000) / (result.ok + result.warmupOk);
    const after = await verifiesPerSecond(settings.durationSeconds);
    const hashing = mean([before.perSecond, after.perSecond]);
    const cpuMsecsPerVerify = mean([before.cpuMsecsPerVerify, after.cpuMsecsPerVerify]);
    const ratio = result.requestsPerSecond / hashing;
    const p99 = probe.latencyMs.p99;
    return [
      {
        figure: 2,
        name: `Logins (POST /v2/access-tokens) vs argon2id verifies on ${settings.cores} cores; event loop p99 meanwhile`,
        measured: `${perSecond(result.requestsPerSecond)} (${millis(cpuMsecsPerLogin)} CPU/login), p99 ${millis(p99)}`,
        baseline: `${perSecond(hashing)} (${millis(cpuMsecsPerVerify)} CPU/verify)`,
        ratio,
        goal: `≥ ${fmt(GOAL, 2)}, p99 ≤ ${P99_GOAL_MS} ms`,
        met: ratio >= GOAL && p99 <= P99_GOAL_MS,
        details: {
          result,
          probe,
          cpuMsecsPerLogin,
          before,
          after,
          oneVerifyMs,
          coresDividedByOneVerify: settings.cores / (oneVerifyMs / 1000),
          cores: settings.cores,
        },
      },
    ];
  } finally {
    await server.stop();
  }
}

// @ts-check
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Agent, request } from 'undici';
import { createCredentials } from '../lib/credentials.js';
import { fmt, mean, millis } from '../lib/figure.js';
import { startBareServer, startServer } from '../lib/processes.js';

const ROUNDS = 3;
const POLL_MSECS = 5;
// A generic operation of the cluster API: its documents are read after the server listens.
const FIRST_GENERIC_PATH = '/v2/data-protect/protection-groups';
/** @param {string} dataDir */
const startDefault = (dataDir) => startServer(dataDir, [], { warmValidators: true });

/**
 * Milliseconds from `start()` (which spawns a process) to the first 200 of GET `path`.
 * @param {() => Promise<import('../lib/processes.js').Listening>} start
 * @param {string} path
 * @param {string} caFile the certificate, read once the process listens (a first start makes it)
 */
async function timeToFirst200(start, path, caFile) {
  const began = performance.now();
  const target = await start();
  const dispatcher = new Agent({ connect: { ca: readFileSync(caFile, 'utf8') } });
  try {
    for (;;) {
      const response = await request(`${target.url}${path}`, { dispatcher });
      await response.body.dump();
      if (response.statusCode === 200) return { msecs: performance.now() - began, target };
      await new Promise((resolve) => setTimeout(resolve, POLL_MSECS));
    }
  } finally {
    await dispatcher.close();
  }
}

/**
 * Milliseconds of one authenticated GET.
 * @param {string} url @param {string | undefined} ca @param {string} path @param {Record<string, string>} headers
 */
async function timedGet(url, ca, path, headers) {
  const dispatcher = new Agent({ connect: ca ? { ca } : {} });
  try {
    const began = performance.now();
    const response = await request(`${url}${path}`, { dispatcher, headers });
    await response.body.dump();
    if (response.statusCode !== 200) throw new Error(`${path}: ${response.statusCode}`);
    return performance.now() - began;
  } finally {
    await dispatcher.close();
  }
}

/**
 * Figure 8: start-up, from spawning the process to the first 200 of `/readyz`, on an empty
 * data directory (first start: signing key, admin's hash, demo cluster) and again on the
 * same directory (a restart), against bare `node:https` answering its first request; and the
 * restarted server's first call of the cluster API, against its second. Default settings:
 * the checks' warm-up runs in the background.
 * @param {string} workDir
 * @returns {Promise<import('../lib/figure.js').Row[]>}
 */
export async function startUp(workDir) {
  /** @type {number[]} */
  const first = [];
  /** @type {number[]} */
  const restart = [];
  /** @type {number[]} */
  const bare = [];
  /** @type {number[]} */
  const firstCall = [];
  /** @type {number[]} */
  const secondCall = [];
  for (let round = 0; round < ROUNDS; round++) {
    const dataDir = join(workDir, `start-up-${round}`);
    const certFile = join(dataDir, 'tls-cert.pem');
    const fresh = await timeToFirst200(() => startDefault(dataDir), '/readyz', certFile);
    first.push(fresh.msecs);
    const ca = readFileSync(certFile, 'utf8');
    // Made before the restart, so that the restarted server's first call is the one timed.
    const { bearer } = await createCredentials(fresh.target.url, ca);
    await fresh.target.stop();
    const again = await timeToFirst200(() => startDefault(dataDir), '/readyz', certFile);
    restart.push(again.msecs);
    try {
      firstCall.push(await timedGet(again.target.url, ca, FIRST_GENERIC_PATH, bearer));
      secondCall.push(await timedGet(again.target.url, ca, FIRST_GENERIC_PATH, bearer));
    } finally {
      await again.target.stop();
    }
    const tls = { certFile, keyFile: join(dataDir, 'tls-key.pem') };
    const node = await timeToFirst200(() => startBareServer({ body: '{}', tls }), '/', certFile);
    bare.push(node.msecs);
    await node.target.stop();
  }
  const baseline = `bare node:https ${millis(mean(bare))}`;
  /** @param {string} name @param {number[]} measured @param {string} against @param {number} base */
  const row = (name, measured, against, base) => ({
    figure: 8,
    name,
    measured: millis(mean(measured)),
    baseline: against,
    ratio: mean(measured) / base,
    goal: 'report',
    met: null,
    details: { measuredMsecs: measured, baselineMsecs: base, rounds: ROUNDS },
  });
  return [
    row('Start-up, empty data dir: spawn → first /readyz 200', first, baseline, mean(bare)),
    row('Start-up, restart on the same data dir: spawn → first /readyz 200', restart, baseline, mean(bare)),
    row(
      `First cluster-API call as soon as a restart is ready (GET ${FIRST_GENERIC_PATH})`,
      firstCall,
      `second call ${millis(mean(secondCall))}`,
      mean(secondCall),
    ),
  ].map((r) => ({ ...r, name: `${r.name}, ${fmt(ROUNDS)} rounds` }));
}

// @ts-check
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { settings } from './settings.js';

/**
 * @typedef {object} Listening A child process that serves on `url`.
 * @property {string} url
 * @property {number} pid
 * @property {() => number} rssBytes the child's resident set size right now (Linux /proc)
 * @property {() => number} cpuSeconds user + system CPU time the child has used so far
 * @property {() => Promise<void>} stop SIGTERM, then waits for the exit
 */

const SERVER_MAIN = fileURLToPath(new URL('../../packages/server/dist/main.js', import.meta.url));
const BARE_SERVER = fileURLToPath(new URL('./bare-server.js', import.meta.url));
const FASTIFY_SERVER = fileURLToPath(new URL('./fastify-server.js', import.meta.url));
// Per minute and client: far above what one load generator sends, so nothing is refused.
const UNREFUSING_RATE_LIMIT = '1000000000';
export const PROFILE_DIR = fileURLToPath(new URL('../results/profiles/', import.meta.url));

/**
 * Runs `script` with node and resolves once it prints `listening on <url>` on stderr, as the
 * server's banner does. BENCH_CPU_PROF=1 profiles every server child into bench/results/profiles.
 * @param {string} script
 * @param {readonly string[]} args
 * @returns {Promise<Listening>}
 */
export async function spawnListening(script, args) {
  const profile = process.env.BENCH_CPU_PROF === '1' && script === SERVER_MAIN;
  if (profile) mkdirSync(PROFILE_DIR, { recursive: true });
  const execArgv = profile ? ['--cpu-prof', '--cpu-prof-dir', PROFILE_DIR] : [];
  const child = spawn(process.execPath, [...execArgv, script, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const url = await new Promise((resolve, reject) => {
    let stderr = '';
    const timer = setTimeout(() => reject(new Error(`${script}: no banner within 30 s:\n${stderr}`)), 30_000);
    child.stderr.on('data', (/** @type {Buffer} */ chunk) => {
      stderr += chunk.toString();
      const match = /listening on (https?:\/\/\S+)/.exec(stderr);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited (${code}) before listening:\n${stderr}`));
    });
  });
  const pid = /** @type {number} */ (child.pid);
  return {
    url,
    pid,
    rssBytes: () => rssOf(pid),
    cpuSeconds: () => cpuOf(pid),
    async stop() {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/**
 * The real server as an operator starts it (`info` logging with its access line, both rate
 * limiters on), except that the limits are so high that the load refuses nothing: the bench
 * measures the limiters' bookkeeping, not their refusals. Its cluster-API checks compile on
 * first use unless `warmValidators`: the default background warm-up takes a core for half a
 * minute after start, which a load run would measure as the server's own cost. Only the
 * start-up figure, which measures the default start, keeps it.
 * @param {string} dataDir
 * @param {readonly string[]} [args]
 * @param {{ warmValidators?: boolean }} [options]
 */
export function startServer(dataDir, args = [], { warmValidators = false } = {}) {
  return spawnListening(SERVER_MAIN, [
    '--port',
    '0',
    '--data-dir',
    dataDir,
    '--login-rate-limit',
    UNREFUSING_RATE_LIMIT,
    '--api-rate-limit',
    UNREFUSING_RATE_LIMIT,
    ...(warmValidators ? [] : ['--lazy-validators']),
    ...settings.serverArgs,
    ...args,
  ]);
}

/**
 * A bare node:http(s) server answering `body` to everything: the baseline of figure 1.
 * @param {{ body: string, tls?: { certFile: string, keyFile: string } }} options
 */
export function startBareServer(options) {
  const args = [options.body];
  if (options.tls) args.push(options.tls.certFile, options.tls.keyFile);
  return spawnListening(BARE_SERVER, args);
}

/**
 * Fastify 5 answering `body` to every GET, bare or as the "typical peer" (bench/lib/fastify-server.js).
 * @param {import('./fastify-server.js').FastifyServerOptions} options
 */
export function startFastifyServer(options) {
  return spawnListening(FASTIFY_SERVER, [JSON.stringify(options)]);
}

/** @param {number} pid */
function rssOf(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = /^VmRSS:\s+(\d+) kB/m.exec(status)?.[1];
  if (kib === undefined) throw new Error(`no VmRSS for process ${pid}`);
  return Number(kib) * 1024;
}

// Linux reports CPU time in clock ticks of 1/100 s (USER_HZ) on every common architecture.
const TICKS_PER_SECOND = 100;

/** @param {number} pid */
function cpuOf(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name, which may itself contain spaces: state is field 3.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

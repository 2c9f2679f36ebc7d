// @ts-check
// Drives the SDK (or raw undici) from its own process: figures 4 and 5.
// Usage: node sdk-driver.js '<DriverOptions JSON>'; prints the result as JSON on stdout.
import { setTimeout as sleep } from 'node:timers/promises';
import { ClusterClient } from 'cohesity-sdk';
import { Agent, request } from 'undici';

/**
 * @typedef {object} DriverOptions
 * @property {'sdk' | 'undici' | 'storm'} mode
 * @property {string} url
 * @property {string} ca
 * @property {string} [authorization] the raw undici run's header (the SDK logs in itself)
 * @property {number} [concurrency] calls in flight at once (throughput modes)
 * @property {number} [durationSeconds]
 * @property {number} [warmupSeconds]
 * @property {number} [calls] concurrent calls of the storm
 * @property {number} [ttlSeconds] the server's token lifetime (storm)
 * @property {number} [rounds] storm rounds
 */

/** @type {DriverOptions} */
const options = JSON.parse(process.argv[2] ?? '{}');
const CLUSTER = `${options.url}/v2/clusters`;

const newClient = () =>
  new ClusterClient({ clusterVip: options.url, username: 'admin', password: 'admin', tls: { ca: options.ca } });

/**
 * Calls `once` from `concurrency` loops for `seconds`; answers the calls completed and the time.
 * @param {() => Promise<unknown>} once
 * @param {number} seconds
 */
async function callsPerSecond(once, seconds) {
  const concurrency = options.concurrency ?? 16;
  const end = performance.now() + seconds * 1000;
  let calls = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) {
        await once();
        calls++;
      }
    }),
  );
  return { calls, seconds: (performance.now() - start) / 1000 };
}

/** @param {() => Promise<unknown>} once */
async function throughput(once) {
  await once();
  await callsPerSecond(once, options.warmupSeconds ?? 2);
  const cpu = process.cpuUsage();
  const { calls, seconds } = await callsPerSecond(once, options.durationSeconds ?? 10);
  const used = process.cpuUsage(cpu);
  // The client's own CPU per call: what the SDK adds shows here even when the server is the bottleneck.
  return { callsPerSecond: calls / seconds, cpuMicrosPerCall: (used.user + used.system) / calls };
}

async function rawUndici() {
  const dispatcher = new Agent({ connect: { ca: options.ca } });
  const headers = { accept: 'application/json', authorization: options.authorization ?? '' };
  const result = await throughput(async () => {
    const response = await request(CLUSTER, { headers, dispatcher });
    const body = await response.body.json();
    if (response.statusCode !== 200) throw new Error(`GET /v2/clusters: ${response.statusCode}`);
    return body;
  });
  await dispatcher.close();
  return result;
}

async function sdk() {
  const client = newClient();
  const result = await throughput(() => client.platform.getCluster());
  await client.close();
  return result;
}

/**
 * `calls` concurrent getCluster() on a client whose token is fresh, then on one whose token
 * has just expired; logins are counted by the client's own `tokenRefreshed` events.
 */
async function storm() {
  const calls = options.calls ?? 1000;
  /** @param {boolean} expire */
  const round = async (expire) => {
    const client = newClient();
    let logins = 0;
    client.on('tokenRefreshed', () => {
      logins++;
    });
    await client.platform.getCluster();
    // Token expiry is in whole seconds from the login: this is past it whatever the phase.
    if (expire) await sleep((options.ttlSeconds ?? 3) * 1000 + 200);
    const before = logins;
    const start = performance.now();
    await Promise.all(Array.from({ length: calls }, () => client.platform.getCluster()));
    const ms = performance.now() - start;
    await client.close();
    return { ms, logins: logins - before };
  };
  const fresh = [];
  const expired = [];
  for (let i = 0; i < (options.rounds ?? 3); i++) {
    fresh.push(await round(false));
    expired.push(await round(true));
  }
  return { fresh, expired };
}

const run = { sdk, undici: rawUndici, storm }[options.mode];
process.stdout.write(JSON.stringify(await run()));

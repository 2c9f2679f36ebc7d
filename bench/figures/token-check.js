// @ts-check
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { callJson, createCredentials, peerCredentials } from '../lib/credentials.js';
import { fmt, mean, perSecond } from '../lib/figure.js';
import { runLoadOn } from '../lib/load.js';
import { startBareServer, startFastifyServer, startServer } from '../lib/processes.js';
import { settings } from '../lib/settings.js';

/** Issue 18: the share of each baseline's requests per second that the server must reach. */
const GOALS = { node: 0.7, fastify: 0.85 };
// A generic route of the cluster API (src/cluster-api), the most used list, must cost what a
// hand-written one does (issue 12).
const GENERIC_PATH = '/v2/data-protect/protection-groups';
const GENERIC_GOAL = 0.9;

/** @typedef {Awaited<ReturnType<typeof runLoadOn>>} Run */

/** @param {readonly Run[]} runs one contender's runs, merged into one figure */
function merged(runs) {
  return {
    requestsPerSecond: mean(runs.map((r) => r.requestsPerSecond)),
    cpuMicrosPerRequest: mean(runs.map((r) => r.cpuMicrosPerRequest)),
    runs,
  };
}

/** @param {{ requestsPerSecond: number, cpuMicrosPerRequest: number }} run */
const described = (run) => `${perSecond(run.requestsPerSecond)} (${fmt(run.cpuMicrosPerRequest)} µs CPU/req)`;

/**
 * Figure 1: authenticated `GET /v2/clusters` per second, by scheme, on the server with its
 * default settings, against three servers answering the same JSON with the same certificate:
 * bare `node:http(s)` (the limit), a bare Fastify 5 route (the framework we build on), and the
 * "typical peer" (Fastify verifying an RS256 JWT with jose and writing one pino line per
 * request: the usual way to write such a server). Baselines are measured before and after the
 * server and averaged, since this shared machine's speed drifts. Last, a generic GET of the
 * cluster API (`GET /v2/data-protect/protection-groups`, answered from the documents and its
 * stored records) against the hand-written one.
 * @param {string} workDir
 * @returns {Promise<import('../lib/figure.js').Row[]>}
 */
export async function tokenCheck(workDir) {
  /** @type {import('../lib/figure.js').Row[]} */
  const rows = [];
  for (const plain of [false, true]) {
    const protocol = plain ? 'HTTP' : 'HTTPS';
    const dataDir = join(workDir, plain ? 'token-check-http' : 'token-check-https');
    const server = await startServer(dataDir, plain ? ['--http'] : []);
    const tls = plain ? undefined : { certFile: join(dataDir, 'tls-cert.pem'), keyFile: join(dataDir, 'tls-key.pem') };
    const ca = tls ? readFileSync(tls.certFile, 'utf8') : undefined;
    try {
      const credentials = await createCredentials(server.url, ca);
      const body = JSON.stringify(
        await callJson(server.url, ca, { path: '/v2/clusters', headers: credentials.bearer }),
      );
      const peer = await peerCredentials(credentials.token);
      const withTls = tls ? { tls } : {};
      const baselines = {
        node: { start: () => startBareServer({ body, ...withTls }), headers: credentials.bearer },
        fastify: { start: () => startFastifyServer({ mode: 'bare', body, ...withTls }), headers: credentials.bearer },
        peer: {
          start: () => startFastifyServer({ mode: 'peer', body, ...withTls, publicJwk: peer.publicJwk }),
          headers: peer.bearer,
        },
      };
      /** @param {import('../lib/processes.js').Listening} target @param {Record<string, string>} headers */
      const load = (target, headers, path = '/v2/clusters') =>
        runLoadOn(
          {
            urls: [`${target.url}${path}`],
            connections: settings.connections,
            durationSeconds: settings.durationSeconds,
            warmupSeconds: settings.warmupSeconds,
            headers,
          },
          target,
        );
      /** @param {keyof typeof baselines} name */
      const measureBaseline = async (name) => {
        const target = await baselines[name].start();
        try {
          return await load(target, baselines[name].headers);
        } finally {
          await target.stop();
        }
      };
      /** @type {Record<keyof typeof baselines, Run[]>} */
      const baselineRuns = { node: [], fastify: [], peer: [] };
      const measureBaselines = async () => {
        for (const name of /** @type {const} */ (['node', 'fastify', 'peer'])) {
          baselineRuns[name].push(await measureBaseline(name));
        }
      };

      // One unmeasured run first, so that no scheme pays for the JIT's first compiles (nor
      // the generic route for reading the documents, which happens on its first call).
      await load(server, credentials.bearer);
      await load(server, credentials.bearer, GENERIC_PATH);
      await measureBaselines();
      const schemes = /** @type {const} */ ([
        ['Bearer', credentials.bearer],
        ['apiKey', credentials.apiKey],
        ['session-id', credentials.session],
      ]);
      /** @type {[string, Run][]} */
      const results = [];
      for (const [scheme, headers] of schemes) results.push([scheme, await load(server, headers)]);
      const generic = await load(server, credentials.bearer, GENERIC_PATH);
      await measureBaselines();

      const node = merged(baselineRuns.node);
      const fastify = merged(baselineRuns.fastify);
      const typical = merged(baselineRuns.peer);
      for (const [scheme, result] of results) {
        for (const [name, baseline, label] of /** @type {const} */ ([
          ['node', node, `bare node:${protocol.toLowerCase()}`],
          ['fastify', fastify, 'bare Fastify route'],
        ])) {
          const ratio = result.requestsPerSecond / baseline.requestsPerSecond;
          rows.push({
            figure: 1,
            name: `Token check, ${scheme}, ${protocol}, default settings, vs ${label}`,
            measured: described(result),
            baseline: `${label} ${described(baseline)}`,
            ratio,
            goal: `≥ ${fmt(GOALS[name], 2)}`,
            met: ratio >= GOALS[name],
            details: { result, baseline, connections: settings.connections },
          });
        }
      }
      const bearer = /** @type {Run} */ (results[0]?.[1]);
      rows.push({
        figure: 1,
        name: `Token check, Bearer, generic GET ${GENERIC_PATH}, ${protocol}: ÷ GET /v2/clusters`,
        measured: described(generic),
        baseline: `hand-written ${described(bearer)}`,
        ratio: generic.requestsPerSecond / bearer.requestsPerSecond,
        goal: `≥ ${fmt(GENERIC_GOAL, 2)}`,
        met: generic.requestsPerSecond / bearer.requestsPerSecond >= GENERIC_GOAL,
        details: { result: generic, baseline: bearer },
      });
      rows.push({
        figure: 1,
        name: `Typical peer (Fastify + jose RS256 verify + one pino line), Bearer, ${protocol}: ours ÷ its`,
        measured: described(bearer),
        baseline: `peer ${described(typical)}`,
        ratio: bearer.requestsPerSecond / typical.requestsPerSecond,
        goal: 'report',
        met: null,
        details: { result: bearer, baseline: typical },
      });
    } finally {
      await server.stop();
    }
  }
  return rows;
}

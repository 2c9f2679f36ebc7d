// @ts-check
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { callJson, createCredentials } from '../lib/credentials.js';
import { fmt, perSecond } from '../lib/figure.js';
import { runLoadOn } from '../lib/load.js';
import { startBareServer, startServer } from '../lib/processes.js';
import { settings } from '../lib/settings.js';

const GOAL = 0.8;
// A generic route of the cluster API (src/cluster-api) must cost what a hand-written one does.
const GENERIC_PATH = '/irisservices/api/v1/public/nodes';
const GENERIC_GOAL = 0.9;

/**
 * Figure 1: authenticated `GET /v2/clusters` per second, by scheme, against a bare node
 * server answering the same JSON with the same certificate, over HTTPS and then plain HTTP;
 * and a generic GET (`/public/nodes`, answered from the documents) against the hand-written one.
 * @param {string} workDir
 * @returns {Promise<import('../lib/figure.js').Row[]>}
 */
export async function tokenCheck(workDir) {
  /** @type {import('../lib/figure.js').Row[]} */
  const rows = [];
  for (const plain of [false, true]) {
    const dataDir = join(workDir, plain ? 'token-check-http' : 'token-check-https');
    const server = await startServer(dataDir, plain ? ['--http'] : []);
    const tls = plain ? undefined : { certFile: join(dataDir, 'tls-cert.pem'), keyFile: join(dataDir, 'tls-key.pem') };
    const ca = tls ? readFileSync(tls.certFile, 'utf8') : undefined;
    try {
      const credentials = await createCredentials(server.url, ca);
      const cluster = await callJson(server.url, ca, { path: '/v2/clusters', headers: credentials.bearer });
      const bare = await startBareServer({ body: JSON.stringify(cluster), ...(tls ? { tls } : {}) });
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
      try {
        const baseline = await load(bare, credentials.bearer);
        const schemes = /** @type {const} */ ([
          ['Bearer', credentials.bearer],
          ['apiKey', credentials.apiKey],
          ['session-id', credentials.session],
        ]);
        /** @type {Awaited<ReturnType<typeof load>> | undefined} */
        let handWritten;
        for (const [scheme, headers] of schemes) {
          const result = await load(server, headers);
          if (scheme === 'Bearer') handWritten = result;
          const ratio = result.requestsPerSecond / baseline.requestsPerSecond;
          rows.push({
            figure: 1,
            name: `Token check, ${scheme}, ${plain ? 'HTTP' : 'HTTPS'}`,
            measured: `${perSecond(result.requestsPerSecond)} (${fmt(result.cpuMicrosPerRequest)} µs CPU/req)`,
            baseline: `bare node:${plain ? 'http' : 'https'} ${perSecond(baseline.requestsPerSecond)} (${fmt(baseline.cpuMicrosPerRequest)} µs)`,
            ratio,
            goal: `≥ ${fmt(GOAL, 2)}`,
            met: ratio >= GOAL,
            details: { result, baseline, connections: settings.connections },
          });
        }
        if (handWritten) {
          const result = await load(server, credentials.bearer, GENERIC_PATH);
          const ratio = result.requestsPerSecond / handWritten.requestsPerSecond;
          rows.push({
            figure: 1,
            name: `Token check, Bearer, generic GET ${GENERIC_PATH.replace('/irisservices/api/v1', '')}, ${plain ? 'HTTP' : 'HTTPS'}`,
            measured: `${perSecond(result.requestsPerSecond)} (${fmt(result.cpuMicrosPerRequest)} µs CPU/req)`,
            baseline: `GET /v2/clusters ${perSecond(handWritten.requestsPerSecond)} (${fmt(handWritten.cpuMicrosPerRequest)} µs)`,
            ratio,
            goal: `≥ ${fmt(GENERIC_GOAL, 2)}`,
            met: ratio >= GENERIC_GOAL,
            details: { result, handWritten, connections: settings.connections },
          });
        }
      } finally {
        await bare.stop();
      }
    } finally {
      await server.stop();
    }
  }
  return rows;
}

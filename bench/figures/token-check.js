// @ts-check
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { callJson, createCredentials } from '../lib/credentials.js';
import { fmt, perSecond } from '../lib/figure.js';
import { runLoadOn } from '../lib/load.js';
import { startBareServer, startServer } from '../lib/processes.js';
import { settings } from '../lib/settings.js';

const GOAL = 0.8;

/**
 * Figure 1: authenticated `GET /v2/clusters` per second, by scheme, against a bare node
 * server answering the same JSON with the same certificate, over HTTPS and then plain HTTP.
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
      const load = (target, headers) =>
        runLoadOn(
          {
            urls: [`${target.url}/v2/clusters`],
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
        for (const [scheme, headers] of schemes) {
          const result = await load(server, headers);
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
      } finally {
        await bare.stop();
      }
    } finally {
      await server.stop();
    }
  }
  return rows;
}

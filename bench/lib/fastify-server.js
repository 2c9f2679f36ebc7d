// @ts-check
// Two more baselines of figure 1, both Fastify 5 answering the same JSON as the server:
// - bare: one route, no hooks, no logger: what Fastify itself costs;
// - peer: the usual way to write such a server: an RS256 JWT verified with jose on every
//   request (no cache) and one pino line per request.
// Usage: node fastify-server.js '<FastifyServerOptions JSON>'
import { readFileSync } from 'node:fs';
import Fastify from 'fastify';
import { importJWK, jwtVerify } from 'jose';
import { announceAndStopOnSigterm } from './serve.js';

/**
 * @typedef {object} FastifyServerOptions
 * @property {'bare' | 'peer'} mode
 * @property {string} body the JSON to answer
 * @property {{ certFile: string, keyFile: string }} [tls]
 * @property {import('jose').JWK} [publicJwk] peer: the key its Bearer tokens are signed with
 */

/** @type {FastifyServerOptions} */
const options = JSON.parse(process.argv[2] ?? '{}');
const answer = JSON.parse(options.body);
const https = options.tls ? { cert: readFileSync(options.tls.certFile), key: readFileSync(options.tls.keyFile) } : null;
const peer = options.mode === 'peer';
// pino writes to stdout, as the server's own logger does (the bench sends both to /dev/null).
const app = Fastify({ https, keepAliveTimeout: 65_000, logger: peer, disableRequestLogging: true });

if (peer) {
  const key = await importJWK(/** @type {import('jose').JWK} */ (options.publicJwk), 'RS256');
  app.addHook('onRequest', async function verifyBearer(request, reply) {
    const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    try {
      if (!token) throw new Error('no token');
      await jwtVerify(token, key, { algorithms: ['RS256'] });
    } catch {
      return reply.code(401).send({ errorCode: 'KStatusUnauthorized', message: 'Token invalid' });
    }
  });
  app.addHook('onResponse', async function logRequest(request, reply) {
    request.log.info(
      { method: request.method, url: request.url, statusCode: reply.statusCode, responseTime: reply.elapsedTime },
      'request completed',
    );
  });
}
app.get('/*', async () => answer);

await app.listen({ port: 0, host: '127.0.0.1' });
announceAndStopOnSigterm(app.server, Boolean(https));

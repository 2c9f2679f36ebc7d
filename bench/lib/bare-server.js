// @ts-check
// The baseline: node's own server answering one fixed JSON body, with nothing in between.
// Usage: node bare-server.js <body> [certFile keyFile]
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createServer as createSecureServer } from 'node:https';
import { announceAndStopOnSigterm } from './serve.js';

const [body = '{}', certFile, keyFile] = process.argv.slice(2);
const payload = Buffer.from(body);

/**
 * @param {import('node:http').IncomingMessage} _request
 * @param {import('node:http').ServerResponse} response
 */
function answer(_request, response) {
  response.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': payload.length });
  response.end(payload);
}

const server =
  certFile && keyFile
    ? createSecureServer({ cert: readFileSync(certFile), key: readFileSync(keyFile) }, answer)
    : createServer(answer);
server.keepAliveTimeout = 65_000;
server.listen(0, '127.0.0.1');
announceAndStopOnSigterm(server, Boolean(certFile && keyFile));

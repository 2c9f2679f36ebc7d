import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** What an `x-request-id` from a proxy may hold: it goes into every log line, so nothing that could forge one. */
const SAFE_REQUEST_ID = /^[\w.:-]{1,128}$/;

/**
 * Fastify's `genReqId`: keeps the `x-request-id` a trusted proxy (`--trust-proxy`) sent, so
 * one id follows the request through the proxy's logs and ours; anyone else gets a new one,
 * since a client could otherwise reuse another request's id to muddle the logs.
 */
export function requestIdFrom(trusted: ((address: string, hop: number) => boolean) | undefined) {
  return function genReqId(request: IncomingMessage): string {
    const given = request.headers['x-request-id'];
    const peer = request.socket.remoteAddress;
    if (trusted && typeof given === 'string' && SAFE_REQUEST_ID.test(given) && peer && trusted(peer, 0)) return given;
    return randomUUID();
  };
}

import { createHash, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import type { FastifyRequest } from 'fastify';
import { ApiError } from '../errors.js';

const digest = (value: string) => createHash('sha256').update(value).digest();

function isLoopback(address: string): boolean {
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  return address === '::1' || (isIP(v4) === 4 && v4.startsWith('127.'));
}

/**
 * Who may scrape: Prometheus usually runs without a cluster login, so `/metrics` takes no
 * cluster credential. A scraper on the same host (loopback) reads it freely; any other
 * client must send `Authorization: Bearer <--metrics-token>`, which is what Prometheus's
 * `authorization.credentials_file` sends. The metrics name no user, key or address, but
 * request counts by route still describe the cluster's use, so they are not world-readable.
 */
export function createMetricsAccessCheck(metricsToken: string | undefined) {
  const expected = metricsToken === undefined ? undefined : digest(`Bearer ${metricsToken}`);
  return async function requireMetricsAccess(request: FastifyRequest): Promise<void> {
    if (isLoopback(request.ip)) return;
    const given = request.headers.authorization;
    if (expected !== undefined && typeof given === 'string' && timingSafeEqual(digest(given), expected)) return;
    throw new ApiError(
      401,
      'KStatusUnauthorized',
      expected === undefined
        ? 'Metrics are served to loopback clients only; start the server with --metrics-token to allow others'
        : 'Metrics need Authorization: Bearer <the --metrics-token>',
      { 'www-authenticate': 'Bearer realm="cohesity-metrics"' },
    );
  };
}

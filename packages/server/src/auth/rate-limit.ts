import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { rateLimited } from '../errors.js';

const MINUTE_MSECS = 60_000;

export interface RateLimits {
  /** Requests per minute per client IP to login routes (`config: { login: true }`); 0: none. */
  loginPerMinute: number;
  /** Requests per minute per client IP to every other route; 0: none. */
  apiPerMinute: number;
}

/**
 * Per-client-IP limits, checked before authentication so a flood costs no database reads.
 * Login routes have their own, stricter budget. Counters live in this node's memory: with
 * several nodes behind a balancer each enforces the limit on its own share.
 */
export async function useRateLimits(app: FastifyInstance, limits: RateLimits): Promise<void> {
  await app.register(rateLimit, {
    global: false,
    // Thrown, then written by the contract's error handler (which adds Retry-After).
    errorResponseBuilder: (_request, context) => rateLimited(Math.max(1, Math.ceil(context.ttl / 1000))),
  });
  const limiter = (max: number) => (max > 0 ? app.rateLimit({ max, timeWindow: MINUTE_MSECS }) : undefined);
  const login = limiter(limits.loginPerMinute);
  const api = limiter(limits.apiPerMinute);

  app.addHook('onRequest', async function limitRequestRate(request: FastifyRequest, reply: FastifyReply) {
    const limit = request.routeOptions.config.login ? login : api;
    if (limit) await limit.call(app, request, reply);
  });
}

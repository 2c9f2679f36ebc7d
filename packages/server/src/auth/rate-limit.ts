import { normalizeIP } from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import { rateLimited } from '../errors.js';
import { RateWindows } from './rate-window.js';

const MINUTE_MSECS = 60_000;

// normalizeIP answers text without a colon (IPv4) lower-cased, but only after its IPv6 test,
// a long regular expression and the biggest cost of the limiter per request.
const clientKey = (ip: string) => (ip.includes(':') ? normalizeIP(ip) : ip.toLowerCase());

export interface RateLimits {
  /** Requests per minute per client IP to login routes (`config: { login: true }`); 0: none. */
  loginPerMinute: number;
  /** Requests per minute per client IP to every other route; 0: none. */
  apiPerMinute: number;
}

/**
 * Per-client-IP limits, checked before authentication so a flood costs no database reads.
 * Login routes have their own, stricter budget. Counters live in this node's memory: with
 * several nodes behind a balancer each enforces the limit on its own share. Clients are
 * counted by address as @fastify/rate-limit does (IPv6 by /64), with its headers; the hook
 * is synchronous, since its promises cost more than the counting (every request runs it).
 */
export function useRateLimits(app: FastifyInstance, limits: RateLimits): void {
  const windows = (max: number) => (max > 0 ? new RateWindows(max, MINUTE_MSECS) : undefined);
  const login = windows(limits.loginPerMinute);
  const api = windows(limits.apiPerMinute);
  if (!login && !api) return;

  app.addHook(
    'onRequest',
    function limitRequestRate(request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction) {
      const limit = request.routeOptions.config.login ? login : api;
      if (!limit) return done();
      const verdict = limit.take(clientKey(request.ip), Date.now());
      reply.header('x-ratelimit-limit', limit.max);
      reply.header('x-ratelimit-remaining', verdict.remaining);
      reply.header('x-ratelimit-reset', verdict.resetSeconds);
      // Thrown as the contract's error, which its handler writes with Retry-After.
      done(verdict.exceeded ? rateLimited(verdict.resetSeconds) : undefined);
    },
  );
}

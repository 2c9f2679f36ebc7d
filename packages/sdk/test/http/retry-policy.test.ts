import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backoffDelay, DEFAULT_RETRY, isIdempotent, parseRetryAfter, retryDelay } from '../../src/http/retry-policy.js';

const NOW = Date.parse('2026-01-01T00:00:00Z');

describe('retry policy', () => {
  it('keeps full-jitter backoff within 0 and the capped exponential ceiling', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.double({ min: 0, max: 0.999_999, noNaN: true }), (attempt, r) => {
        const delay = backoffDelay(attempt, DEFAULT_RETRY, () => r);
        const ceiling = Math.min(DEFAULT_RETRY.maxDelayMsecs, DEFAULT_RETRY.baseDelayMsecs * 2 ** (attempt - 1));
        expect(delay).toBeGreaterThanOrEqual(0);
        expect(delay).toBeLessThan(Math.max(1, ceiling));
      }),
    );
  });

  it('reads Retry-After as seconds or as an HTTP date, and ignores garbage', () => {
    expect(parseRetryAfter('3', NOW)).toBe(3000);
    expect(parseRetryAfter(' 0 ', NOW)).toBe(0);
    expect(parseRetryAfter(new Date(NOW + 5000).toUTCString(), NOW)).toBe(5000);
    expect(parseRetryAfter(new Date(NOW - 5000).toUTCString(), NOW)).toBe(0);
    expect(parseRetryAfter(undefined, NOW)).toBeUndefined();
    fc.assert(
      fc.property(fc.string(), (value) => {
        const ms = parseRetryAfter(value, NOW);
        expect(ms === undefined || (Number.isFinite(ms) && ms >= 0)).toBe(true);
      }),
    );
  });

  it('retries idempotent methods on 429, 502, 503, 504 and connection errors only', () => {
    for (const status of [429, 502, 503, 504, undefined]) {
      const outcome = status === undefined ? {} : { status };
      expect(retryDelay({ attempt: 1, method: 'GET', ...outcome }, DEFAULT_RETRY, NOW, () => 0.5)).toBe(125);
    }
    for (const status of [200, 400, 401, 403, 404, 409, 500, 501]) {
      expect(retryDelay({ attempt: 1, method: 'GET', status }, DEFAULT_RETRY, NOW)).toBeUndefined();
    }
    expect(retryDelay({ attempt: 1, method: 'POST', status: 503 }, DEFAULT_RETRY, NOW)).toBeUndefined();
    expect(retryDelay({ attempt: 1, method: 'POST', status: 503, idempotent: true }, DEFAULT_RETRY, NOW)).toBeDefined();
    expect(['GET', 'head', 'PUT', 'DELETE', 'OPTIONS'].every(isIdempotent)).toBe(true);
    expect(['POST', 'PATCH'].some(isIdempotent)).toBe(false);
  });

  it('stops at maxAttempts and never waits past maxDelayMsecs for Retry-After', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 0, max: 100_000 }), (attempt, seconds) => {
        const delay = retryDelay(
          { attempt, method: 'GET', status: 429, retryAfter: String(seconds) },
          DEFAULT_RETRY,
          NOW,
        );
        if (attempt >= DEFAULT_RETRY.maxAttempts || seconds * 1000 > DEFAULT_RETRY.maxDelayMsecs) {
          expect(delay).toBeUndefined();
        } else {
          expect(delay).toBe(seconds * 1000);
        }
      }),
    );
  });
});

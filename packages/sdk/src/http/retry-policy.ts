import type { CohesityErrorCode } from '../errors.js';

/** How the client retries. Every field has a default (`DEFAULT_RETRY`). */
export interface RetryOptions {
  /** Total tries, the first included. 1 turns retries off. */
  maxAttempts: number;
  /** Backoff before the second try; doubles each time, up to `maxDelayMsecs`. */
  baseDelayMsecs: number;
  /** Cap of one backoff sleep. A `Retry-After` longer than this is not waited for. */
  maxDelayMsecs: number;
}

/** The defaults, spelled out in one place. */
export const DEFAULT_RETRY: Readonly<RetryOptions> = { maxAttempts: 3, baseDelayMsecs: 250, maxDelayMsecs: 20_000 };

const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);
const RETRYABLE_STATUSES = new Set([429, 502, 503, 504]);

/** GET, HEAD, OPTIONS, PUT and DELETE may be sent twice with the same effect. */
export const isIdempotent = (method: string): boolean => IDEMPOTENT_METHODS.has(method.toUpperCase());

/** Statuses that say "try again later", not "this request is wrong". */
const isRetryableStatus = (status: number): boolean => RETRYABLE_STATUSES.has(status);

/**
 * `Retry-After` as milliseconds from `nowMsecs`: delay-seconds or an HTTP date.
 * Undefined when absent or unreadable.
 */
export function parseRetryAfter(value: string | null | undefined, nowMsecs: number): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const dateMsecs = Date.parse(trimmed);
  return Number.isNaN(dateMsecs) ? undefined : Math.max(0, dateMsecs - nowMsecs);
}

/** Full jitter (AWS): a random sleep between 0 and the capped exponential backoff. */
export function backoffDelay(attempt: number, options: RetryOptions, random: () => number = Math.random): number {
  const ceiling = Math.min(options.maxDelayMsecs, options.baseDelayMsecs * 2 ** (attempt - 1));
  return Math.floor(random() * ceiling);
}

/** What happened on one try, as far as retrying cares. */
export interface AttemptOutcome {
  /** 1 for the first try. */
  attempt: number;
  method: string;
  /** The caller vouches that this non-idempotent request is safe to repeat (e.g. a login). */
  idempotent?: boolean;
  /** The HTTP status, or undefined when no answer came. */
  status?: number;
  /** Why no answer came; a TLS failure is not retried (the certificate will not change). */
  failure?: CohesityErrorCode;
  retryAfter?: string | null;
}

/**
 * The delay before the next try, or undefined when the outcome must surface as it is.
 * @example
 * retryDelay({ attempt: 1, method: 'GET', status: 503 }, DEFAULT_RETRY, Date.now()) // 0..250
 */
export function retryDelay(
  outcome: AttemptOutcome,
  options: RetryOptions,
  nowMsecs: number,
  random: () => number = Math.random,
): number | undefined {
  if (outcome.attempt >= options.maxAttempts) return undefined;
  if (!(outcome.idempotent ?? isIdempotent(outcome.method))) return undefined;
  if (outcome.failure === 'ERR_TLS') return undefined;
  if (outcome.status !== undefined && !isRetryableStatus(outcome.status)) return undefined;
  const retryAfterMsecs = parseRetryAfter(outcome.retryAfter, nowMsecs);
  if (retryAfterMsecs === undefined) return backoffDelay(outcome.attempt, options, random);
  return retryAfterMsecs <= options.maxDelayMsecs ? retryAfterMsecs : undefined;
}

import { CohesityError } from '../errors.js';
import { sleep } from '../http/sleep.js';

/**
 * How long and how often a waiter polls (AWS SDK v3's waiter configuration, in Msecs).
 * @example
 * { client, maxWaitMsecs: 15 * 60_000, signal: AbortSignal.timeout(20 * 60_000) }
 */
export interface WaiterOptions {
  /** Give up after this long: the waiter throws `WaiterTimeoutError`. */
  maxWaitMsecs: number;
  /** The first delay between polls, and the least; default 2 000. */
  minDelayMsecs?: number;
  /** The longest delay between polls; default 30 000. */
  maxDelayMsecs?: number;
  /** Aborting it stops the waiter at once, with the signal's reason. */
  signal?: AbortSignal;
}

/** What one poll says: done, failed for good, or not yet. */
export type WaiterState = 'success' | 'failure' | 'retry';

/** The waiter ran out of time; `last` is what the last poll saw. */
export class WaiterTimeoutError<T = unknown> extends CohesityError {
  override name = 'WaiterTimeoutError';
  constructor(
    message: string,
    readonly last: T | undefined,
  ) {
    super('ERR_WAITER_TIMEOUT', message);
  }
}

/** The awaited work reached a state it cannot succeed from (failed, canceled); `last` shows it. */
export class WaiterFailureError<T = unknown> extends CohesityError {
  override name = 'WaiterFailureError';
  constructor(
    message: string,
    readonly last: T,
  ) {
    super('ERR_WAITER_FAILED', message);
  }
}

/** AWS's backoff: exponential from `min`, with jitter, capped at `max`. */
export function waiterDelay(attempt: number, min: number, max: number, random: () => number = Math.random): number {
  const ceiling = Math.min(max, min * 2 ** Math.min(attempt - 1, 30));
  return Math.round(min + random() * (ceiling - min));
}

/**
 * Polls until `decide` says success (resolves with that poll's value) or failure (throws
 * `WaiterFailureError`), backing off between polls, for at most `maxWaitMsecs`.
 * @example
 * const run = await waitUntil((signal) => getRun(signal), (r) => (r.done ? 'success' : 'retry'), { maxWaitMsecs: 60_000 });
 */
export async function waitUntil<T>(
  poll: (signal: AbortSignal | undefined) => Promise<T>,
  decide: (value: T) => WaiterState,
  options: WaiterOptions,
  what = 'the work',
): Promise<T> {
  const { maxWaitMsecs, minDelayMsecs = 2_000, maxDelayMsecs = 30_000, signal } = options;
  if (!(maxWaitMsecs > 0 && minDelayMsecs > 0 && maxDelayMsecs >= minDelayMsecs)) {
    throw new TypeError('waiter needs maxWaitMsecs > 0 and 0 < minDelayMsecs <= maxDelayMsecs');
  }
  const deadline = performance.now() + maxWaitMsecs;
  let last: T | undefined;
  for (let attempt = 1; ; attempt += 1) {
    signal?.throwIfAborted();
    last = await poll(signal);
    const state = decide(last);
    if (state === 'success') return last;
    if (state === 'failure') throw new WaiterFailureError(`${what} ended without success`, last);
    const remaining = deadline - performance.now();
    if (remaining <= 0) break;
    await sleep(Math.min(remaining, waiterDelay(attempt, minDelayMsecs, maxDelayMsecs)), signal);
    if (deadline - performance.now() <= 0) break;
  }
  throw new WaiterTimeoutError(`${what} did not finish within ${maxWaitMsecs} ms`, last);
}

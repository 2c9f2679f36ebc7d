import { setTimeout as sleep } from 'node:timers/promises';
import { StoreUnavailableError } from './store.js';

/** One failed attempt to reach the database at start, told to the operator. */
export interface DatabaseRetry {
  /** 1 for the first failure. */
  readonly attempt: number;
  readonly retryInMsecs: number;
  /** The whole wait allowed, so the message can say when the node gives up. */
  readonly waitMsecs: number;
  /** Why it failed (e.g. `connect ECONNREFUSED 127.0.0.1:5432`); never a credential. */
  readonly reason: string;
}

/** The pause before retry `attempt` (1-based): 0.5 s, doubling, at most 5 s. */
function retryDelayMsecs(attempt: number): number {
  return Math.min(500 * 2 ** (attempt - 1), 5_000);
}

/** A lost connection's own message; Node's dual-stack connect throws an AggregateError without one. */
function unavailableReason(error: StoreUnavailableError): string {
  const cause = error.cause;
  if (cause instanceof AggregateError && cause.message === '') {
    return [...new Set(cause.errors.map((e: unknown) => (e instanceof Error ? e.message : String(e))))].join('; ');
  }
  return cause instanceof Error && cause.message !== '' ? cause.message : error.message;
}

/**
 * Runs `open` until it succeeds. A database that is not up yet (nodes and their database
 * often start together) is retried with backoff for up to `waitMsecs`, then given up on; any
 * other error (wrong password, no such database) is a configuration fault and fails at once.
 */
export async function waitForDatabase<T>(
  open: () => Promise<T>,
  waitMsecs: number,
  onRetry: (retry: DatabaseRetry) => void,
): Promise<T> {
  const start = Date.now();
  for (let attempt = 1; ; attempt++) {
    try {
      return await open();
    } catch (error) {
      if (!(error instanceof StoreUnavailableError)) throw error;
      const reason = unavailableReason(error);
      const waitedMsecs = Date.now() - start;
      const retryInMsecs = Math.min(retryDelayMsecs(attempt), waitMsecs - waitedMsecs);
      if (retryInMsecs <= 0) {
        throw new StoreUnavailableError(
          `The database stayed unavailable for the ${waitMsecs / 1000} s allowed (${reason})`,
          { cause: error },
        );
      }
      onRetry({ attempt, retryInMsecs, waitMsecs, reason });
      await sleep(retryInMsecs);
    }
  }
}

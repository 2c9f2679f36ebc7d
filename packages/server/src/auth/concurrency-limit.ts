/** The queue in front of a concurrency limit is full; callers should come back later. */
export class QueueFullError extends Error {
  override readonly name = 'QueueFullError';
}

export interface ConcurrencyLimit {
  /** Runs `task` when a slot is free; rejects with QueueFullError when `maxQueued` wait already. */
  run<T>(task: () => Promise<T>): Promise<T>;
  readonly active: number;
  readonly queued: number;
}

/**
 * At most `concurrency` tasks at once and at most `maxQueued` waiting, so a flood of
 * logins meets a clear 503 instead of an ever-growing backlog of argon2 work.
 */
export function createConcurrencyLimit(concurrency: number, maxQueued: number): ConcurrencyLimit {
  let active = 0;
  const waiting: (() => void)[] = [];

  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else active--;
  };

  return {
    get active() {
      return active;
    },
    get queued() {
      return waiting.length;
    },
    async run<T>(task: () => Promise<T>): Promise<T> {
      if (active >= concurrency) {
        if (waiting.length >= maxQueued) throw new QueueFullError('too many tasks are waiting');
        // The slot is handed over by release(): `active` stays counted for us.
        await new Promise<void>((resolve) => waiting.push(resolve));
      } else {
        active++;
      }
      try {
        return await task();
      } finally {
        release();
      }
    },
  };
}

/** The server's one clock: wall time plus an offset that fault injection may move forward. */
export interface ServerClock {
  /** Milliseconds since the epoch, as every time check in the server sees them. */
  now(): number;
  readonly offsetMsecs: number;
  /** Moves the clock forward (tokens, sessions, lockouts and API keys see the new time). */
  advance(msecs: number): void;
  /** Back to wall time. */
  reset(): void;
}

export function createServerClock(wallClock: () => number = Date.now): ServerClock {
  let offset = 0;
  return {
    now: () => wallClock() + offset,
    get offsetMsecs() {
      return offset;
    },
    advance(msecs) {
      offset += msecs;
    },
    reset() {
      offset = 0;
    },
  };
}

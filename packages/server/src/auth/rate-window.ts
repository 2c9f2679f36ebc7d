/** One client's count within its current window. */
interface Window {
  count: number;
  startMsecs: number;
}

/** What a request learns from the limiter: the headers' figures, and whether it is refused. */
export interface RateVerdict {
  readonly exceeded: boolean;
  readonly remaining: number;
  /** Whole seconds until the window starts afresh (at least 1). */
  readonly resetSeconds: number;
}

/**
 * Fixed windows per client key, as @fastify/rate-limit's local store counts them: a window
 * opens with a client's first request and lasts `windowMsecs`; past `max` requests in it,
 * the rest are refused. At most `maxClients` windows are kept: the oldest goes first (windows
 * are kept in the order they opened, so it is also the one closest to its end).
 */
export class RateWindows {
  readonly #max: number;
  readonly #windowMsecs: number;
  readonly #maxClients: number;
  readonly #windows = new Map<string, Window>();

  constructor(max: number, windowMsecs: number, maxClients = 5000) {
    this.#max = max;
    this.#windowMsecs = windowMsecs;
    this.#maxClients = maxClients;
  }

  get max(): number {
    return this.#max;
  }

  /** Counts one request from `key` at `nowMsecs`. */
  take(key: string, nowMsecs: number): RateVerdict {
    let window = this.#windows.get(key);
    if (window === undefined || window.startMsecs + this.#windowMsecs <= nowMsecs) {
      // A fresh window goes to the end of the order, where the newest are.
      if (window !== undefined) this.#windows.delete(key);
      else if (this.#windows.size >= this.#maxClients)
        this.#windows.delete(this.#windows.keys().next().value as string);
      window = { count: 0, startMsecs: nowMsecs };
      this.#windows.set(key, window);
    }
    window.count++;
    const leftMsecs = window.startMsecs + this.#windowMsecs - nowMsecs;
    return {
      exceeded: window.count > this.#max,
      remaining: Math.max(0, this.#max - window.count),
      resetSeconds: Math.max(1, Math.ceil(leftMsecs / 1000)),
    };
  }
}

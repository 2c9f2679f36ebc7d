import { deepFreeze } from './deep-freeze.js';

/**
 * Answers of reads kept until the next write, for a database whose process is its only
 * writer (the embedded SQLite store, which its server claims). A write forgets everything as
 * it begins and as it ends; a read that a write overlapped is answered but not kept, so no
 * answer older than the latest write survives. Kept answers are frozen, since every caller
 * shares them, and each space of keys is bounded, as any memo of client input must be.
 */
export class WriteGenerationMemo {
  #generation = 0;
  readonly #spaces = new Map<string, Map<unknown, unknown>>();

  constructor(readonly maxEntriesPerSpace: number) {}

  /** The kept answer for `key` in `space`, or `load()`'s (kept unless undefined or overlapped). */
  async read<T>(space: string, key: unknown, load: () => Promise<T>): Promise<T> {
    const kept = this.#spaces.get(space)?.get(key);
    if (kept !== undefined) return kept as T;
    const readAt = this.#generation;
    const value = await load();
    if (value === undefined || readAt !== this.#generation) return value;
    let memo = this.#spaces.get(space);
    if (memo === undefined || memo.size >= this.maxEntriesPerSpace) {
      memo = new Map();
      this.#spaces.set(space, memo);
    }
    memo.set(key, deepFreeze(value));
    return value;
  }

  /** Runs a write, forgetting every kept answer as it begins and as it ends. */
  async write<T>(run: () => Promise<T>): Promise<T> {
    this.#forget();
    try {
      return await run();
    } finally {
      this.#forget();
    }
  }

  #forget(): void {
    this.#generation++;
    this.#spaces.clear();
  }
}

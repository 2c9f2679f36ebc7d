import { open } from 'node:fs/promises';
import { dirname } from 'node:path';

const ignore = () => {};

/**
 * Makes what was written to a file durable, on libuv's thread pool, never on the event
 * loop. Callers that arrive while a sync runs share the next one: it begins after their
 * write, so it covers them, and one sync serves the whole group.
 */
export class FileSync {
  readonly #path: string;
  readonly #sync: () => Promise<void>;
  /** The inode whose directory entry is known to be on disk. */
  #durableInode: number | undefined;
  #running: Promise<void> | undefined;
  #next: Promise<void> | undefined;

  /** `sync` replaces the fdatasync, for tests of the grouping. */
  constructor(path: string, sync?: () => Promise<void>) {
    this.#path = path;
    this.#sync = sync ?? (() => this.#datasync());
  }

  /** Resolves once everything written to the file before this call is on disk. */
  flush(): Promise<void> {
    if (this.#next) return this.#next;
    if (!this.#running) {
      this.#running = this.#sync().finally(() => {
        this.#running = undefined;
      });
      return this.#running;
    }
    this.#next = this.#running.then(ignore, ignore).then(() => {
      this.#next = undefined;
      return this.flush();
    });
    return this.#next;
  }

  async #datasync(): Promise<void> {
    // Opened afresh each time: SQLite deletes its WAL when the last connection closes, and a
    // descriptor kept open would sync a deleted file. A missing file is an error: after a
    // commit the WAL exists, so a wrong path must not pass for a durable write.
    const handle = await open(this.#path, 'r+');
    try {
      await handle.datasync();
      const { ino } = await handle.stat();
      if (ino !== this.#durableInode) {
        // A new file's name lives in its directory: without this, a power cut could lose
        // the whole file, synced data and all (SQLite's FULL mode does the same once).
        await syncDirectory(dirname(this.#path));
        this.#durableInode = ino;
      }
    } finally {
      await handle.close();
    }
  }
}

async function syncDirectory(path: string): Promise<void> {
  const directory = await open(path, 'r');
  try {
    await directory.sync();
  } finally {
    await directory.close();
  }
}

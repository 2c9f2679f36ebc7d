import { open } from 'node:fs/promises';

const ignore = () => {};

/** fdatasync of the file at `path`, on libuv's thread pool. A missing file has nothing to sync. */
export async function datasyncFile(path: string): Promise<void> {
  // Opened afresh each time: SQLite deletes its WAL when the last connection closes, and a
  // descriptor kept open would sync the deleted file instead of the new one.
  const handle = await open(path, 'r+').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (!handle) return;
  try {
    await handle.datasync();
  } finally {
    await handle.close();
  }
}

/**
 * Makes what was written to a file durable, off the event loop. Callers that arrive while a
 * sync runs share the next one: it begins after their write, so it covers them, and one
 * sync serves the whole group.
 */
export class FileSync {
  readonly #path: string;
  readonly #sync: (path: string) => Promise<void>;
  #running: Promise<void> | undefined;
  #next: Promise<void> | undefined;

  constructor(path: string, sync: (path: string) => Promise<void> = datasyncFile) {
    this.#path = path;
    this.#sync = sync;
  }

  /** Resolves once everything written to the file before this call is on disk. */
  flush(): Promise<void> {
    if (this.#next) return this.#next;
    if (!this.#running) {
      this.#running = this.#sync(this.#path).finally(() => {
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
}

import { access, chmod, constants, mkdir } from 'node:fs/promises';
import { ConfigError } from '../config/config-error.js';

const WHY: Record<string, string> = {
  EACCES: 'this user may not create or write it',
  EPERM: 'this user may not create or write it',
  EROFS: 'it is on a read-only file system',
  EEXIST: 'a file of that name is in the way',
  ENOTDIR: 'part of the path is a file, not a directory',
};

/**
 * Makes the data dir (owner-only) and proves it writable, so that a bad `--data-dir` stops the
 * start with a sentence (exit 2) instead of a raw EACCES from deep inside SQLite or TLS.
 */
export async function prepareDataDir(dataDir: string): Promise<void> {
  try {
    await mkdir(dataDir, { recursive: true, mode: 0o700 });
    await chmod(dataDir, 0o700);
    await access(dataDir, constants.W_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    const why = WHY[code];
    if (!why) throw error;
    throw new ConfigError(`--data-dir ${dataDir} cannot be used: ${why} (${code}); choose another with --data-dir`);
  }
}

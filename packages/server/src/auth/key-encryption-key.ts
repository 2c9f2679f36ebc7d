import { randomBytes } from 'node:crypto';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Where the key that encrypts the signing keys lives when the operator supplies none. */
export const KEY_ENCRYPTION_KEY_FILE = 'signing-keys.kek';

/**
 * The key that encrypts the token signing keys in the database, kept outside it: the
 * operator's (`--key-encryption-key`, shared by every node of a cluster), or a random one
 * made on first start in the data dir, readable by its owner only. A database backup
 * without it holds no usable private key.
 */
export async function loadKeyEncryptionKey(dataDir: string, given: Buffer | undefined): Promise<Buffer> {
  if (given) return given;
  const path = join(dataDir, KEY_ENCRYPTION_KEY_FILE);
  try {
    const mode = (await stat(path)).mode & 0o777;
    if (mode & 0o077)
      throw new Error(`${path} must be readable by its owner only (chmod 600), not ${mode.toString(8)}`);
    const key = Buffer.from((await readFile(path, 'utf8')).trim(), 'base64url');
    if (key.length !== 32) throw new Error(`${path} does not hold a 32-byte key`);
    return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const key = randomBytes(32);
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  // `wx`: two processes starting on one data dir must not each write their own.
  await writeFile(path, `${key.toString('base64url')}\n`, { mode: 0o600, flag: 'wx' }).catch(async (error) => {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  });
  return loadKeyEncryptionKey(dataDir, undefined);
}

import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The key's file in the data dir: outside the database, so a database backup alone reveals nothing. */
export const AT_REST_KEY_FILE = 'at-rest.key';
const VERSION = 'v1';

/** The sealed text does not open under this key: another node's key, or tampering. */
export class SealedSecretError extends Error {
  override readonly name = 'SealedSecretError';
}

/**
 * Seals secrets that must be read back (TOTP secrets) with AES-256-GCM under a key kept in
 * the data dir (mode 0600), not in the database. `context` (e.g. the user's sid) is bound in
 * as associated data, so a sealed secret copied onto another user's record does not open.
 * Nodes sharing one PostgreSQL database need the same key file.
 */
export class AtRestCipher {
  readonly #key: Buffer;

  private constructor(key: Buffer) {
    this.#key = key;
  }

  /** Reads the data dir's key, making it on first start. */
  static async open(dataDir: string): Promise<AtRestCipher> {
    const file = join(dataDir, AT_REST_KEY_FILE);
    try {
      await writeFile(file, randomBytes(32).toString('base64'), { flag: 'wx', mode: 0o600 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const key = Buffer.from((await readFile(file, 'utf8')).trim(), 'base64');
    if (key.length !== 32) throw new Error(`${file}: expected a base64 AES-256 key (32 bytes)`);
    return new AtRestCipher(key);
  }

  /**
   * A keyed hash for short secrets that need only be compared (6-digit email codes): without
   * the key, a reader of the database cannot try all million codes against it.
   */
  mac(text: string): string {
    return createHmac('sha256', this.#key).update(text).digest('hex');
  }

  seal(plain: string, context: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv);
    cipher.setAAD(Buffer.from(context));
    const sealed = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [VERSION, ...[iv, cipher.getAuthTag(), sealed].map((part) => part.toString('base64url'))].join('.');
  }

  open(sealed: string, context: string): string {
    const [version, iv, tag, data] = sealed.split('.');
    if (version !== VERSION || !iv || !tag || data === undefined) {
      throw new SealedSecretError('Not a sealed secret');
    }
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.#key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(context));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
    } catch (error) {
      throw new SealedSecretError('The sealed secret does not open under this node’s key', { cause: error });
    }
  }
}

import { createHash } from 'node:crypto';

/**
 * How API keys and session ids are stored. They are random with 122+ bits of entropy,
 * so a fast hash is enough: nobody can guess them, and the database alone can't use them.
 */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

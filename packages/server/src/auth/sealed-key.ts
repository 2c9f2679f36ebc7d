import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const VERSION = 'aes-256-gcm:v1';

/** A signing key's private JWK as stored: AES-256-GCM under the key-encryption key, bound to its `kid`. */
export function sealPrivateKey(privateJwk: string, kek: Buffer, kid: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', kek, iv).setAAD(Buffer.from(kid));
  const sealed = Buffer.concat([cipher.update(privateJwk, 'utf8'), cipher.final()]);
  return [VERSION, iv, sealed, cipher.getAuthTag()].map((part) => part.toString('base64url')).join('.');
}

/** Whether `stored` is a private JWK still in clear (written before keys were encrypted). */
export const isSealed = (stored: string) => stored.startsWith(`${VERSION}.`);

/** The private JWK back; throws when the key-encryption key is not the one it was sealed with. */
export function openPrivateKey(stored: string, kek: Buffer, kid: string): string {
  const [, iv = '', sealed = '', tag = ''] = stored.split('.');
  const decipher = createDecipheriv('aes-256-gcm', kek, Buffer.from(iv, 'base64url'))
    .setAAD(Buffer.from(kid))
    .setAuthTag(Buffer.from(tag, 'base64url'));
  try {
    return Buffer.concat([decipher.update(Buffer.from(sealed, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    throw new Error(
      `Signing key ${kid} cannot be decrypted: this node's key-encryption key is not the one that sealed it ` +
        '(every node of a cluster needs the same --key-encryption-key)',
    );
  }
}

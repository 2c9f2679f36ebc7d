import { decodeJwt, decodeProtectedHeader, importJWK, SignJWT } from 'jose';
import { loadKeyEncryptionKey } from '../../src/auth/key-encryption-key.js';
import { isSealed, openPrivateKey } from '../../src/auth/sealed-key.js';
import type { TestServer } from '../helpers/start-server.js';

/**
 * A token the server itself could have issued, for the same user, that expired a minute
 * ago: signed with the server's own key (read from its store), so only its age is wrong.
 */
export async function expiredTokenLike(t: TestServer, token: string): Promise<string> {
  const { kid } = decodeProtectedHeader(token);
  const record = (await t.server.store.listSigningKeys()).find((key) => key.kid === kid);
  if (!record || kid === undefined) throw new Error('the signing key of the token is not in the store');
  // Private keys are sealed at rest with the data dir's key-encryption key.
  const kek = await loadKeyEncryptionKey(t.dataDir, undefined);
  const jwk = isSealed(record.privateJwk) ? openPrivateKey(record.privateJwk, kek, kid) : record.privateJwk;
  const key = await importJWK(JSON.parse(jwk), 'RS256');
  const past = Math.floor(Date.now() / 1000) - 60;
  const claims = { ...decodeJwt(token), exp: past, iat: past - 3600, 'expiration-time': String(past) };
  return new SignJWT(claims).setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid }).sign(key);
}

import { createHmac, createPublicKey } from 'node:crypto';
import {
  type CryptoKey,
  decodeJwt,
  decodeProtectedHeader,
  generateKeyPair,
  importJWK,
  type JWTPayload,
  SignJWT,
} from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadKeyEncryptionKey } from '../../src/auth/key-encryption-key.js';
import { openPrivateKey } from '../../src/auth/sealed-key.js';
import { startTestServer, type TestServer } from '../helpers/start-server.js';

const INVALID = { errorCode: 'KStatusUnauthorized', message: 'The access token is invalid.' };
const EXPIRED = { errorCode: 'KStatusUnauthorized', message: 'Token expired' };
const PROTECTED = '/v2/clusters';

let t: TestServer;
let token: string;
let kid: string;
let publicJwk: string;
let privateJwk: string;

const b64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');
const part = (value: object) => b64url(JSON.stringify(value));

/** A token with the real claims, signed by `key` under `header`. */
async function signed(header: { alg: string; kid?: string }, claims: JWTPayload, key: CryptoKey | Uint8Array) {
  return new SignJWT(claims).setProtectedHeader(header).sign(key);
}

async function realKey() {
  return (await importJWK(JSON.parse(privateJwk), 'RS256')) as CryptoKey;
}

async function expectRejected(authorization: string | string[], expected = INVALID) {
  const response = await t.send('GET', PROTECTED, { headers: { authorization } });
  expect(response.status).toBe(401);
  expect(response.body).toEqual(expected);
  expect(response.headers['www-authenticate']).toMatch(/^Bearer realm="cohesity"/);
}

beforeAll(async () => {
  t = await startTestServer();
  token = await t.login();
  kid = decodeProtectedHeader(token).kid as string;
  // The key that signed the login's token (with rotation there may be several), its private
  // half stored sealed under the key-encryption key the server made in its data dir.
  const key = (await t.server.store.listSigningKeys()).find((record) => record.kid === kid);
  if (!key) throw new Error(`the server has no signing key ${kid}`);
  publicJwk = key.publicJwk;
  // The attacker here holds the key itself (the database alone no longer gives it away).
  privateJwk = openPrivateKey(key.privateJwk, await loadKeyEncryptionKey(t.dataDir, undefined), key.kid);
});
afterAll(() => t.close());

describe('token attacks on a protected route', () => {
  it('accepts the genuine token (the control for every attack below)', async () => {
    const response = await t.send('GET', PROTECTED, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
  });

  it('refuses alg none, with and without a trailing signature', async () => {
    const unsigned = `${part({ alg: 'none', typ: 'JWT', kid })}.${token.split('.')[1]}`;
    await expectRejected(`Bearer ${unsigned}.`);
    await expectRejected(`Bearer ${unsigned}.${b64url('x')}`);
  });

  it('refuses HS256 signed with the RSA public key as PEM and as JWK bytes', async () => {
    const pem = createPublicKey({ key: JSON.parse(publicJwk), format: 'jwk' }).export({ type: 'spki', format: 'pem' });
    for (const secret of [String(pem), publicJwk]) {
      const input = `${part({ alg: 'HS256', typ: 'JWT', kid })}.${token.split('.')[1]}`;
      const signature = createHmac('sha256', secret).update(input).digest('base64url');
      await expectRejected(`Bearer ${input}.${signature}`);
    }
  });

  it('refuses RS256 signed by another key under the real kid', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    await expectRejected(`Bearer ${await signed({ alg: 'RS256', kid }, decodeJwt(token), privateKey)}`);
  });

  it('refuses the original signature over modified claims', async () => {
    const [header, , signature] = token.split('.');
    for (const change of [
      { username: 'root' },
      { roles: 'COHESITY_SUPER_ADMIN' },
      { 'user-sid': 'S-1-100-21-1-1-2' },
    ]) {
      await expectRejected(`Bearer ${header}.${part({ ...decodeJwt(token), ...change })}.${signature}`);
    }
  });

  it('refuses a kid that is unknown, a path, very long or missing', async () => {
    const claims = decodeJwt(token);
    const key = await realKey();
    for (const otherKid of ['0d9e8f6a-unknown', '../../etc/passwd', '/dev/random', 'k'.repeat(4000), '']) {
      await expectRejected(`Bearer ${await signed({ alg: 'RS256', kid: otherKid }, claims, key)}`);
    }
    await expectRejected(`Bearer ${await signed({ alg: 'RS256' }, claims, key)}`);
  });

  it("answers 'Token expired' for a genuinely signed token past its expiry", async () => {
    const now = Math.floor(Date.now() / 1000);
    const claims = { ...decodeJwt(token), exp: now - 10, 'expiration-time': String(now - 10) };
    await expectRejected(`Bearer ${await signed({ alg: 'RS256', kid }, claims, await realKey())}`, EXPIRED);
  });

  it('refuses a genuinely signed token that is not valid yet', async () => {
    const claims = { ...decodeJwt(token), nbf: Math.floor(Date.now() / 1000) + 3600 };
    await expectRejected(`Bearer ${await signed({ alg: 'RS256', kid }, claims, await realKey())}`);
  });

  it('refuses truncated tokens', async () => {
    await expectRejected(`Bearer ${token.slice(0, -10)}`);
    await expectRejected(`Bearer ${token.split('.').slice(0, 2).join('.')}`);
    await expectRejected(`Bearer ${token.slice(0, token.length / 2)}`);
    await expectRejected('Bearer');
  });

  it('refuses a 16 KB token with 401, not 431 or 5xx', async () => {
    const filler = 'A'.repeat(16 * 1024);
    await expectRejected(`Bearer ${token.split('.')[0]}.${filler}.${token.split('.')[2]}`);
  });

  it('refuses two Authorization headers, even when both hold the genuine token', async () => {
    await expectRejected([`Bearer ${token}`, `Bearer ${token}`]);
    await expectRejected([`Bearer ${token}`, 'Bearer forged.token.value']);
    await expectRejected(['Bearer forged.token.value', `Bearer ${token}`]);
  });

  it('refuses Bearer with odd case or spacing', async () => {
    for (const scheme of ['bearer ', 'BEARER ', 'Bearer  ', 'Bearer\t', 'Bearer:', 'Token ', '']) {
      await expectRejected(`${scheme}${token}`);
    }
  });
});

import { randomBytes } from 'node:crypto';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSigningKey, TokenService } from '../../src/auth/tokens.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import type { UserRecord } from '../../src/store/store.js';

const OPTIONS = { keyEncryptionKey: randomBytes(32), rotationDays: 0 };

let store: SqliteStore;
let user: UserRecord;
beforeEach(async () => {
  store = SqliteStore.open(':memory:');
  const now = Date.now();
  [user] = (await store.createUsers(
    [
      {
        username: 'alice',
        domain: 'LOCAL',
        roles: ['COHESITY_VIEWER'],
        description: null,
        locked: false,
        lockedReason: null,
        passwordHash: null,
        email: null,
        createdTimeMsecs: now,
        lastUpdatedTimeMsecs: now,
        effectiveTimeMsecs: null,
        expiryTimeMsecs: null,
        forcePasswordChange: false,
        passwordChangedTimeMsecs: now,
      },
    ],
    'S-1-100-21-11111111-22222222',
  )) as [UserRecord];
});
afterEach(() => store.close());

describe('TokenService', () => {
  it('puts expiration-time and exp at the same epoch second', async () => {
    const tokens = await TokenService.open(store, OPTIONS);
    const claims = decodeJwt(await tokens.issue(user, 60));
    expect(claims['expiration-time']).toBe(String(claims.exp));
    expect(claims.nbf).toBeUndefined();
  });

  it('accepts a token from a node whose clock runs a few seconds ahead', async () => {
    const now = Date.now();
    const tokens = await TokenService.open(store, OPTIONS);
    const token = await tokens.issue(user, 60, now + 5_000);
    await expect(tokens.verify(token, now)).resolves.toMatchObject({ 'user-sid': user.sid });
  });

  it('verifies with the keys of the store, so a second service on the same store accepts the token', async () => {
    const token = await (await TokenService.open(store, OPTIONS)).issue(user, 60);
    const other = await TokenService.open(store, OPTIONS);
    await expect(other.verify(token)).resolves.toMatchObject({ username: 'alice', roles: 'COHESITY_VIEWER' });
  });

  it('rotates: new tokens carry the new kid, tokens of the old key stay valid, another service follows', async () => {
    const one = await TokenService.open(store, OPTIONS);
    const other = await TokenService.open(store, OPTIONS);
    const before = await one.issue(user, 60);
    const rotated = await one.rotate();
    const after = await one.issue(user, 60);
    expect(decodeProtectedHeader(after).kid).toBe(rotated.kid);
    expect(decodeProtectedHeader(before).kid).not.toBe(rotated.kid);
    for (const token of [before, after])
      await expect(other.verify(token)).resolves.toMatchObject({ username: 'alice' });
    // Meeting the new key taught the other service to sign with it too.
    expect(other.signingKid).toBe(rotated.kid);
  });

  it('rotates on schedule when the newest key is older than rotationDays, not before', async () => {
    const old = await createSigningKey(OPTIONS.keyEncryptionKey, Date.now() - 2 * 86_400_000);
    await store.addSigningKey(old);
    expect((await TokenService.open(store, { ...OPTIONS, rotationDays: 3 })).signingKid).toBe(old.kid);
    const rotated = await TokenService.open(store, { ...OPTIONS, rotationDays: 1 });
    expect(rotated.signingKid).not.toBe(old.kid);
    expect((await store.listSigningKeys()).map((key) => key.kid)).toEqual([old.kid, rotated.signingKid]);
  });

  it('keeps private keys sealed, and refuses to start with another key-encryption key', async () => {
    await TokenService.open(store, OPTIONS);
    const [record] = await store.listSigningKeys();
    expect(() => JSON.parse(record?.privateJwk ?? '')).toThrow();
    await expect(TokenService.open(store, { ...OPTIONS, keyEncryptionKey: randomBytes(32) })).rejects.toThrow(
      /every node of a cluster needs the same --key-encryption-key/,
    );
  });
});

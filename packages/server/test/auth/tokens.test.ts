import { decodeJwt } from 'jose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TokenService } from '../../src/auth/tokens.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import type { UserRecord } from '../../src/store/store.js';

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
      },
    ],
    'S-1-100-21-11111111-22222222',
  )) as [UserRecord];
});
afterEach(() => store.close());

describe('TokenService', () => {
  it('puts expiration-time and exp at the same epoch second', async () => {
    const tokens = await TokenService.open(store);
    const claims = decodeJwt(await tokens.issue(user, 60));
    expect(claims['expiration-time']).toBe(String(claims.exp));
    expect(claims.nbf).toBeUndefined();
  });

  it('accepts a token from a node whose clock runs a few seconds ahead', async () => {
    const now = Date.now();
    const tokens = await TokenService.open(store);
    const token = await tokens.issue(user, 60, now + 5_000);
    await expect(tokens.verify(token, now)).resolves.toMatchObject({ 'user-sid': user.sid });
  });

  it('verifies with the keys of the store, so a second service on the same store accepts the token', async () => {
    const token = await (await TokenService.open(store)).issue(user, 60);
    const other = await TokenService.open(store);
    await expect(other.verify(token)).resolves.toMatchObject({ username: 'alice', roles: 'COHESITY_VIEWER' });
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SECURITY_CONFIG } from '../../src/bootstrap.js';
import {
  type ApiKeyRecord,
  DuplicateUserError,
  type NewUser,
  type SessionRecord,
  type Store,
} from '../../src/store/store.js';

/** A fresh, empty store, a way to run raw SQL on its database, and its cleanup. */
export interface StoreUnderTest {
  store: Store;
  /** Raw SQL on the same database, bypassing the Store (to prove what the database refuses). */
  execute(sql: string): Promise<void>;
  dispose(): Promise<void>;
}

const DOMAIN_SID = 'S-1-100-21-11111111-22222222';

const newUser = (username: string, overrides: Partial<NewUser> = {}): NewUser => ({
  username,
  domain: 'LOCAL',
  roles: ['COHESITY_VIEWER'],
  description: null,
  locked: false,
  lockedReason: null,
  passwordHash: '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2g',
  email: null,
  createdTimeMsecs: 1_000,
  lastUpdatedTimeMsecs: 1_000,
  effectiveTimeMsecs: null,
  expiryTimeMsecs: null,
  forcePasswordChange: false,
  passwordChangedTimeMsecs: 1_000,
  ...overrides,
});

const apiKey = (id: string, userSid: string, overrides: Partial<ApiKeyRecord> = {}): ApiKeyRecord => ({
  id,
  name: `key ${id}`,
  userSid,
  createdByUserSid: userSid,
  secretHash: `hash-${id}`,
  createdTimeMsecs: 1_000,
  expiryTimeMsecs: null,
  lastRotatedTimeMsecs: null,
  isActive: true,
  ...overrides,
});

const session = (idHash: string, userSid: string): SessionRecord => ({
  idHash,
  userSid,
  createdTimeMsecs: 1_000,
  lastSeenTimeMsecs: 1_000,
  credentialsVersion: 1,
  expiresAtMsecs: null,
  webState: null,
});

/**
 * The one behaviour every Store must have. SQLite and PostgreSQL both run it; a difference
 * between them is a bug in one of them.
 */
export function storeContract(open: () => Promise<StoreUnderTest>): void {
  let t: StoreUnderTest;
  let store: Store;
  beforeEach(async () => {
    t = await open();
    store = t.store;
  });
  afterEach(() => t.dispose());

  const createUser = async (username: string, overrides: Partial<NewUser> = {}) => {
    const [user] = await store.createUsers([newUser(username, overrides)], DOMAIN_SID);
    if (!user) throw new Error('createUsers answered nothing');
    return user;
  };

  describe('settings', () => {
    it('answers undefined for a missing key, then what was put, then the overwrite', async () => {
      expect(await store.getSetting('securityConfig')).toBeUndefined();
      await store.putSetting('securityConfig', DEFAULT_SECURITY_CONFIG);
      expect(await store.getSetting('securityConfig')).toEqual(DEFAULT_SECURITY_CONFIG);
      const changed = { ...DEFAULT_SECURITY_CONFIG, authTokenTimeoutMinutes: 5 };
      await store.putSetting('securityConfig', changed);
      expect(await store.getSetting('securityConfig')).toEqual(changed);
    });

    it('putSettingIfAbsent stores only the first value', async () => {
      expect(await store.putSettingIfAbsent('bootstrapped', { timeMsecs: 1 })).toBe(true);
      expect(await store.putSettingIfAbsent('bootstrapped', { timeMsecs: 2 })).toBe(false);
      expect(await store.getSetting('bootstrapped')).toEqual({ timeMsecs: 1 });
    });

    it('putSettingIfAbsent has exactly one winner among 20 concurrent writers, and keeps its value', async () => {
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) => store.putSettingIfAbsent('bootstrapped', { timeMsecs: i })),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await store.getSetting('bootstrapped')).toEqual({ timeMsecs: results.indexOf(true) });
    });
  });

  describe('users', () => {
    it('createUsers assigns SIDs from the RID counter and answers what getUser reads back', async () => {
      const created = await store.createUsers(
        [newUser('alice'), newUser('bob', { roles: ['COHESITY_ADMIN'] })],
        DOMAIN_SID,
      );
      expect(created.map((u) => u.sid)).toEqual([`${DOMAIN_SID}-1`, `${DOMAIN_SID}-2`]);
      expect(created[0]).toMatchObject({ username: 'alice', credentialsVersion: 1, lastLoginTimeMsecs: null });
      for (const user of created) expect(await store.getUser(user.sid)).toEqual(user);
      expect(await store.getUser(`${DOMAIN_SID}-99`)).toBeUndefined();
    });

    it('never gives a RID twice: a user created after a deletion (or a failed batch) gets a new SID', async () => {
      const bob = await createUser('bob');
      expect(await store.deleteUser(bob.sid)).toBe(true);
      await expect(store.createUsers([newUser('x'), newUser('x')], DOMAIN_SID)).rejects.toBeInstanceOf(
        DuplicateUserError,
      );
      const carol = await createUser('carol');
      expect(carol.sid).toBe(`${DOMAIN_SID}-2`);
      expect(carol.sid).not.toBe(bob.sid);
    });

    it('createUsers is all or nothing: a duplicate (domain in another case) stores none of the batch', async () => {
      await createUser('alice');
      const attempt = store.createUsers([newUser('carol'), newUser('alice', { domain: 'local' })], DOMAIN_SID);
      await expect(attempt).rejects.toBeInstanceOf(DuplicateUserError);
      expect(await store.findUser('carol', 'LOCAL')).toBeUndefined();
      expect((await store.listUsers({})).map((u) => u.username)).toEqual(['alice']);
    });

    it('createUsers refuses a batch that repeats a username, storing none of it', async () => {
      await expect(store.createUsers([newUser('dave'), newUser('dave')], DOMAIN_SID)).rejects.toBeInstanceOf(
        DuplicateUserError,
      );
      expect(await store.listUsers({})).toEqual([]);
    });

    it('concurrent createUsers get distinct SIDs, and only one of several creating the same name wins', async () => {
      const distinct = await Promise.all(Array.from({ length: 10 }, (_, i) => createUser(`user${i}`)));
      expect(new Set(distinct.map((u) => u.sid)).size).toBe(10);
      const same = await Promise.allSettled(Array.from({ length: 5 }, () => createUser('samename')));
      expect(same.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      for (const r of same) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(DuplicateUserError);
      expect(await store.listUsers({})).toHaveLength(11);
    });

    it('findUser matches the domain case-insensitively and the username exactly', async () => {
      const alice = await createUser('alice');
      expect(await store.findUser('alice', 'local')).toEqual(alice);
      expect(await store.findUser('Alice', 'LOCAL')).toBeUndefined();
    });

    it('listUsers filters by domain, sids, usernames and roles, in RID order', async () => {
      const [a, b, c] = await store.createUsers(
        [newUser('a'), newUser('b', { domain: 'CORP', roles: ['COHESITY_ADMIN'] }), newUser('c')],
        DOMAIN_SID,
      );
      const names = async (filter: Parameters<Store['listUsers']>[0]) =>
        (await store.listUsers(filter)).map((u) => u.username);
      expect(await names({})).toEqual(['a', 'b', 'c']);
      expect(await names({ domain: 'corp' })).toEqual(['b']);
      expect(await names({ sids: [c?.sid ?? '', a?.sid ?? ''] })).toEqual(['a', 'c']);
      expect(await names({ usernames: ['b', 'c', 'zz'] })).toEqual(['b', 'c']);
      expect(await names({ roles: ['COHESITY_ADMIN', 'COHESITY_OPERATOR'] })).toEqual(['b']);
      expect(await names({ domain: 'LOCAL', sids: [b?.sid ?? ''] })).toEqual([]);
    });

    it('updateUser changes the given fields and bumps credentialsVersion only on revokeCredentials', async () => {
      const alice = await createUser('alice');
      const patched = await store.updateUser(alice.sid, {
        roles: ['COHESITY_ADMIN', 'COHESITY_OPERATOR'],
        locked: true,
        lockedReason: 'test',
        forcePasswordChange: true,
        email: 'a@example.com',
        lastUpdatedTimeMsecs: 2_000,
      });
      expect(patched).toEqual({
        ...alice,
        roles: ['COHESITY_ADMIN', 'COHESITY_OPERATOR'],
        locked: true,
        lockedReason: 'test',
        forcePasswordChange: true,
        email: 'a@example.com',
        lastUpdatedTimeMsecs: 2_000,
      });
      expect(await store.getUser(alice.sid)).toEqual(patched);
      const revoked = await store.updateUser(alice.sid, { lastUpdatedTimeMsecs: 3_000, revokeCredentials: true });
      expect(revoked?.credentialsVersion).toBe(2);
      expect(await store.updateUser('S-1-nobody', { lastUpdatedTimeMsecs: 1 })).toBeUndefined();
    });

    it('recordLogin sets lastLoginTimeMsecs', async () => {
      const alice = await createUser('alice');
      await store.recordLogin(alice.sid, 5_000);
      expect((await store.getUser(alice.sid))?.lastLoginTimeMsecs).toBe(5_000);
    });

    it('deleteUser removes the user with their API keys and sessions, and answers false the second time', async () => {
      const [alice, bob] = await store.createUsers([newUser('alice'), newUser('bob')], DOMAIN_SID);
      if (!alice || !bob) throw new Error('no users');
      await store.createApiKey(apiKey('k1', alice.sid));
      await store.createApiKey(apiKey('k2', bob.sid));
      await store.createSession(session('s1', alice.sid), { perUser: null, systemWide: null });
      await store.createSession(session('s2', bob.sid), { perUser: null, systemWide: null });
      expect(await store.deleteUser(alice.sid)).toBe(true);
      expect(await store.deleteUser(alice.sid)).toBe(false);
      expect(await store.getUser(alice.sid)).toBeUndefined();
      expect((await store.listApiKeys({})).map((k) => k.id)).toEqual(['k2']);
      expect(await store.findSession('s1')).toBeUndefined();
      expect(await store.findSession('s2')).toBeDefined();
    });
  });

  describe('API keys', () => {
    it('creates, gets, finds by secret hash, lists with filters, updates, rotates and deletes', async () => {
      const [alice, bob] = await store.createUsers([newUser('alice'), newUser('bob')], DOMAIN_SID);
      if (!alice || !bob) throw new Error('no users');
      const k1 = apiKey('k1', alice.sid, { expiryTimeMsecs: 9_000 });
      await store.createApiKey(k1);
      await store.createApiKey(apiKey('k2', alice.sid, { createdTimeMsecs: 2_000, isActive: false }));
      await store.createApiKey(apiKey('k3', bob.sid, { createdTimeMsecs: 3_000 }));
      expect(await store.getApiKey('k1')).toEqual(k1);
      expect(await store.findApiKeyBySecretHash('hash-k1')).toEqual(k1);
      expect(await store.findApiKeyBySecretHash('nope')).toBeUndefined();

      const ids = async (filter: Parameters<Store['listApiKeys']>[0]) =>
        (await store.listApiKeys(filter)).map((k) => k.id);
      expect(await ids({})).toEqual(['k1', 'k2', 'k3']);
      expect(await ids({ userSids: [alice.sid] })).toEqual(['k1', 'k2']);
      expect(await ids({ ids: ['k3', 'k1'] })).toEqual(['k1', 'k3']);
      expect(await ids({ isActive: false })).toEqual(['k2']);
      expect(await ids({ isActive: true, userSids: [bob.sid] })).toEqual(['k3']);

      expect(await store.updateApiKey('k1', { name: 'renamed', isActive: false, expiryTimeMsecs: null })).toEqual({
        ...k1,
        name: 'renamed',
        isActive: false,
        expiryTimeMsecs: null,
      });
      expect(await store.updateApiKey('k1', {})).toMatchObject({ name: 'renamed' });
      expect(await store.updateApiKey('missing', { name: 'x' })).toBeUndefined();

      const rotated = await store.rotateApiKey('k1', 'hash-new', 7_000);
      expect(rotated).toMatchObject({ secretHash: 'hash-new', lastRotatedTimeMsecs: 7_000 });
      expect(await store.findApiKeyBySecretHash('hash-k1')).toBeUndefined();
      expect((await store.findApiKeyBySecretHash('hash-new'))?.id).toBe('k1');
      expect(await store.rotateApiKey('missing', 'h', 1)).toBeUndefined();

      expect(await store.deleteApiKey('k1')).toBe(true);
      expect(await store.deleteApiKey('k1')).toBe(false);
      expect(await store.getApiKey('k1')).toBeUndefined();
    });

    it('refuses a second key with the same secret hash', async () => {
      const alice = await createUser('alice');
      await store.createApiKey(apiKey('k1', alice.sid));
      await expect(store.createApiKey(apiKey('k2', alice.sid, { secretHash: 'hash-k1' }))).rejects.toThrow();
      expect(await store.getApiKey('k2')).toBeUndefined();
    });
  });

  describe('sessions', () => {
    it('createSession enforces the per-user and the system-wide limit', async () => {
      const [alice, bob] = await store.createUsers([newUser('alice'), newUser('bob')], DOMAIN_SID);
      if (!alice || !bob) throw new Error('no users');
      const limits = { perUser: 2, systemWide: 3 };
      expect(await store.createSession(session('a1', alice.sid), limits)).toBe('created');
      expect(await store.createSession(session('a2', alice.sid), limits)).toBe('created');
      expect(await store.createSession(session('a3', alice.sid), limits)).toBe('user-limit');
      expect(await store.createSession(session('b1', bob.sid), limits)).toBe('created');
      expect(await store.createSession(session('b2', bob.sid), limits)).toBe('system-limit');
      expect(await store.createSession(session('b3', bob.sid), { perUser: null, systemWide: null })).toBe('created');
      expect(await store.findSession('a3')).toBeUndefined();
      expect(await store.countSessions()).toEqual(
        new Map([
          [alice.sid, 2],
          [bob.sid, 2],
        ]),
      );
    });

    it('never exceeds the limits under 30 concurrent creations', async () => {
      const [alice, bob] = await store.createUsers([newUser('alice'), newUser('bob')], DOMAIN_SID);
      if (!alice || !bob) throw new Error('no users');
      const results = await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          store.createSession(session(`s${i}`, i % 2 ? alice.sid : bob.sid), { perUser: 5, systemWide: 8 }),
        ),
      );
      expect(results.filter((r) => r === 'created')).toHaveLength(8);
      const counts = await store.countSessions();
      expect([...counts.values()].reduce((a, b) => a + b, 0)).toBe(8);
      for (const n of counts.values()) expect(n).toBeLessThanOrEqual(5);
    });

    it('touches, counts and deletes sessions one, per user or all', async () => {
      const [alice, bob] = await store.createUsers([newUser('alice'), newUser('bob')], DOMAIN_SID);
      if (!alice || !bob) throw new Error('no users');
      const none = { perUser: null, systemWide: null };
      for (const id of ['a1', 'a2', 'a3']) await store.createSession(session(id, alice.sid), none);
      for (const id of ['b1', 'b2']) await store.createSession(session(id, bob.sid), none);

      await store.touchSession('a1', 4_000);
      expect(await store.findSession('a1')).toEqual({ ...session('a1', alice.sid), lastSeenTimeMsecs: 4_000 });
      expect(await store.countSessions([bob.sid, 'S-1-nobody'])).toEqual(new Map([[bob.sid, 2]]));

      await store.deleteSession('a1');
      expect(await store.findSession('a1')).toBeUndefined();
      expect(await store.deleteSessions(alice.sid)).toBe(2);
      expect(await store.countSessions()).toEqual(new Map([[bob.sid, 2]]));
      expect(await store.deleteSessions()).toBe(2);
      expect(await store.countSessions()).toEqual(new Map());
    });

    it('deletes only the sessions begun or last seen at or before the cutoffs', async () => {
      const [alice] = await store.createUsers([newUser('alice')], DOMAIN_SID);
      if (!alice) throw new Error('no user');
      const none = { perUser: null, systemWide: null };
      const at = (id: string, createdTimeMsecs: number, lastSeenTimeMsecs: number) =>
        store.createSession({ ...session(id, alice.sid), createdTimeMsecs, lastSeenTimeMsecs }, none);
      await at('old', 1_000, 9_000);
      await at('idle', 5_000, 5_000);
      await at('fresh', 8_000, 9_000);

      expect(await store.deleteExpiredSessions({ nowMsecs: 9_500 })).toBe(0);
      expect(await store.deleteExpiredSessions({ nowMsecs: 9_500, createdAtOrBeforeMsecs: 1_000 })).toBe(1);
      expect(await store.findSession('old')).toBeUndefined();
      expect(await store.deleteExpiredSessions({ nowMsecs: 9_500, lastSeenAtOrBeforeMsecs: 6_000 })).toBe(1);
      expect(await store.findSession('idle')).toBeUndefined();
      expect(await store.findSession('fresh')).toBeDefined();
    });

    it('deletes sessions at their own end, and web logins idle past their cutoff, with their state', async () => {
      const [alice] = await store.createUsers([newUser('alice')], DOMAIN_SID);
      if (!alice) throw new Error('no user');
      const none = { perUser: null, systemWide: null };
      const web = JSON.stringify({ mfaPending: true, passwordChangeOnly: false });
      await store.createSession({ ...session('ends', alice.sid), expiresAtMsecs: 5_000, webState: web }, none);
      await store.createSession({ ...session('web-idle', alice.sid), lastSeenTimeMsecs: 3_000, webState: web }, none);
      await store.createSession({ ...session('api-idle', alice.sid), lastSeenTimeMsecs: 3_000 }, none);
      expect(await store.deleteExpiredSessions({ nowMsecs: 4_999 })).toBe(0);
      expect(await store.deleteExpiredSessions({ nowMsecs: 5_000 })).toBe(1);
      expect(await store.findSession('ends')).toBeUndefined();
      expect(await store.deleteExpiredSessions({ nowMsecs: 5_000, webLastSeenAtOrBeforeMsecs: 3_000 })).toBe(1);
      expect(await store.findSession('web-idle')).toBeUndefined();
      expect(await store.findSession('api-idle')).toMatchObject({ webState: null, expiresAtMsecs: null });
    });

    it('moves a web login on from the state read only, once', async () => {
      const [alice] = await store.createUsers([newUser('alice')], DOMAIN_SID);
      if (!alice) throw new Error('no user');
      const pending = JSON.stringify({ mfaPending: true, passwordChangeOnly: false });
      const done = JSON.stringify({ mfaPending: false, passwordChangeOnly: false });
      const none = { perUser: null, systemWide: null };
      await store.createSession({ ...session('w', alice.sid), webState: pending }, none);
      const swaps = await Promise.all([1, 2, 3].map(() => store.swapSessionWebState('w', pending, done)));
      expect(swaps.filter(Boolean)).toHaveLength(1);
      expect((await store.findSession('w'))?.webState).toBe(done);
      expect(await store.swapSessionWebState('gone', pending, done)).toBe(false);
    });
  });

  describe('signing keys', () => {
    it('lists the added keys oldest first', async () => {
      const key = (kid: string, createdTimeMsecs: number) => ({
        kid,
        privateJwk: `{"kid":"${kid}","d":"x"}`,
        publicJwk: `{"kid":"${kid}"}`,
        createdTimeMsecs,
      });
      expect(await store.listSigningKeys()).toEqual([]);
      await store.addSigningKey(key('b', 2_000));
      await store.addSigningKey(key('a', 1_000));
      await store.addSigningKey(key('c', 2_000));
      expect(await store.listSigningKeys()).toEqual([key('a', 1_000), key('b', 2_000), key('c', 2_000)]);
    });
  });

  describe('login failures', () => {
    const policy = { maxAttempts: 3, windowMsecs: 1_000, lockMsecs: 5_000 };

    it('counts failures, locks at maxAttempts, keeps the lock while it lasts and starts over after it', async () => {
      expect(await store.getLoginFailures('k')).toBeUndefined();
      expect(await store.recordLoginFailure('k', 100, policy)).toEqual({
        failures: 1,
        firstFailureMsecs: 100,
        lockedUntilMsecs: null,
      });
      expect(await store.recordLoginFailure('k', 200, policy)).toMatchObject({ failures: 2, lockedUntilMsecs: null });
      expect(await store.recordLoginFailure('k', 300, policy)).toEqual({
        failures: 3,
        firstFailureMsecs: 100,
        lockedUntilMsecs: 5_300,
      });
      expect(await store.recordLoginFailure('k', 1_000, policy)).toMatchObject({
        failures: 4,
        lockedUntilMsecs: 5_300,
      });
      expect(await store.recordLoginFailure('k', 5_300, policy)).toEqual({
        failures: 1,
        firstFailureMsecs: 5_300,
        lockedUntilMsecs: null,
      });
      expect(await store.getLoginFailures('k')).toEqual({
        failures: 1,
        firstFailureMsecs: 5_300,
        lockedUntilMsecs: null,
      });
    });

    it('starts a new count when the window has passed', async () => {
      await store.recordLoginFailure('k', 100, policy);
      await store.recordLoginFailure('k', 200, policy);
      expect(await store.recordLoginFailure('k', 1_201, policy)).toEqual({
        failures: 1,
        firstFailureMsecs: 1_201,
        lockedUntilMsecs: null,
      });
    });

    it('locks on the first failure when maxAttempts is 1, and clears once the lock has run out', async () => {
      expect(await store.recordLoginFailure('k', 100, { ...policy, maxAttempts: 1 })).toEqual({
        failures: 1,
        firstFailureMsecs: 100,
        lockedUntilMsecs: 5_100,
      });
      await store.clearLoginFailures('k', 5_100);
      expect(await store.getLoginFailures('k')).toBeUndefined();
    });

    it('clears a count after a success, but not a lock that still holds (racing guesses set it)', async () => {
      await store.recordLoginFailure('k', 100, policy);
      await store.clearLoginFailures('k', 200);
      expect(await store.getLoginFailures('k')).toBeUndefined();
      for (const now of [100, 200, 300]) await store.recordLoginFailure('k', now, policy);
      await store.clearLoginFailures('k', 5_299);
      expect(await store.getLoginFailures('k')).toMatchObject({ failures: 3, lockedUntilMsecs: 5_300 });
      await store.clearLoginFailures('k', 5_300);
      expect(await store.getLoginFailures('k')).toBeUndefined();
    });

    it('counts every one of 20 concurrent failures exactly once', async () => {
      const results = await Promise.all(Array.from({ length: 20 }, () => store.recordLoginFailure('k', 100, policy)));
      expect(results.map((r) => r.failures).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      expect(await store.getLoginFailures('k')).toEqual({
        failures: 20,
        firstFailureMsecs: 100,
        lockedUntilMsecs: 5_100,
      });
    });
  });

  describe('audit log', () => {
    const event = (timeMsecs: number, action: string, actorSid: string | null) => ({
      timeMsecs,
      action,
      outcome: 'success' as const,
      actorSid,
      actorName: actorSid && `LOCAL\\${actorSid}`,
      target: 'LOCAL\\alice',
      ip: '127.0.0.1',
      requestId: `req-${timeMsecs}`,
      details: { failures: 2, nested: { ok: true } },
    });

    it('appends and lists newest first, filtered by time, action and actor, up to the limit', async () => {
      await store.appendAudit(event(100, 'login', 'u1'));
      await store.appendAudit(event(200, 'user.create', 'u1'));
      await store.appendAudit(event(300, 'login', null));
      const all = await store.listAudit({ limit: 10 });
      expect(all.map((r) => r.timeMsecs)).toEqual([300, 200, 100]);
      expect(all[2]).toEqual({ ...event(100, 'login', 'u1'), id: expect.any(Number) });
      expect((all[0]?.id ?? 0) > (all[1]?.id ?? 0)).toBe(true);
      expect((await store.listAudit({ limit: 10, action: 'login' })).map((r) => r.timeMsecs)).toEqual([300, 100]);
      expect((await store.listAudit({ limit: 10, actorSid: 'u1' })).map((r) => r.timeMsecs)).toEqual([200, 100]);
      expect((await store.listAudit({ limit: 10, sinceMsecs: 200 })).map((r) => r.timeMsecs)).toEqual([300, 200]);
      expect((await store.listAudit({ limit: 1 })).map((r) => r.timeMsecs)).toEqual([300]);
    });

    it('refuses updates and deletes in the database itself', async () => {
      await store.appendAudit(event(100, 'login', 'u1'));
      await expect(t.execute("UPDATE audit_log SET action = 'forged'")).rejects.toThrow(/append-only/);
      await expect(t.execute('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
      expect((await store.listAudit({ limit: 10 })).map((r) => r.action)).toEqual(['login']);
    });
  });

  describe('records', () => {
    it('keeps, lists, replaces and deletes records by kind and id', async () => {
      await store.putRecord('tenant', 'b/', '{"n":2}');
      await store.putRecord('tenant', 'a/', '{"n":1}');
      await store.putRecord('other', 'a/', '{}');
      expect(await store.getRecord('tenant', 'a/')).toBe('{"n":1}');
      expect(await store.listRecords('tenant')).toEqual([
        { id: 'a/', value: '{"n":1}' },
        { id: 'b/', value: '{"n":2}' },
      ]);
      await store.putRecord('tenant', 'a/', '{"n":3}');
      expect(await store.getRecord('tenant', 'a/')).toBe('{"n":3}');
      await store.deleteRecord('tenant', 'a/');
      expect(await store.getRecord('tenant', 'a/')).toBeUndefined();
      expect(await store.getRecord('other', 'a/')).toBe('{}');
    });

    it('swaps a record only while it holds the expected value, once', async () => {
      expect(await store.swapRecord('code', 'u', undefined, '1')).toBe(true);
      expect(await store.swapRecord('code', 'u', undefined, '2')).toBe(false);
      expect(await store.swapRecord('code', 'u', '2', '3')).toBe(false);
      expect(await store.swapRecord('code', 'u', '1', '3')).toBe(true);
      const racers = await Promise.all([1, 2, 3].map(() => store.swapRecord('code', 'u', '3', undefined)));
      expect(racers.filter(Boolean)).toHaveLength(1);
      expect(await store.getRecord('code', 'u')).toBeUndefined();
      expect(await store.swapRecord('code', 'u', undefined, undefined)).toBe(true);
    });

    it('deletes a user’s records with the user', async () => {
      const [user] = await store.createUsers([newUser('recorded')], DOMAIN_SID);
      await store.putRecord('mfa', user?.sid ?? '', '{}', user?.sid);
      await store.swapRecord('otp', user?.sid ?? '', undefined, '{}', user?.sid);
      await store.deleteUser(user?.sid ?? '');
      expect(await store.getRecord('mfa', user?.sid ?? '')).toBeUndefined();
      expect(await store.getRecord('otp', user?.sid ?? '')).toBeUndefined();
    });
  });

  it('answers ping while the database is open', async () => {
    expect(await store.ping()).toBe(true);
  });
}

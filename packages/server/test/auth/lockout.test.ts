import type { ErrorBody } from 'cohesity-sdk/models';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lockoutKey } from '../../src/accounts/lockout-key.js';
import { bearer, createUser, STRONG_PASSWORD } from '../helpers/identity.js';
import { withSessionManagement } from '../helpers/session-management.js';
import { startTestServer, type TestServer } from '../helpers/start-server.js';

let t: TestServer;
let adminToken: string;
beforeAll(async () => {
  t = await startTestServer();
  adminToken = await t.login();
  const response = await t.send('PUT', '/v2/security-config', {
    headers: bearer(adminToken),
    body: { accountLockout: { maxFailedLoginAttempts: 3, failedLoginLockTimeDurationMins: 2 } },
  });
  expect(response.status).toBe(200);
});
afterAll(() => t.close());

const login = (username: string, password: string, domain = 'LOCAL') =>
  t.send<ErrorBody>('POST', '/v2/access-tokens', { body: { username, password, domain } });

const LOCKED = /^The account is locked because of too many failed login attempts\. It unlocks at (\S+)\.$/;

describe('account lockout', () => {
  it('locks a user after maxFailedLoginAttempts failures, even for the right password, and says when it lifts', async () => {
    await createUser(t, adminToken, 'victim');
    expect((await login('victim', 'wrong-1')).body.message).toBe('Invalid Username or Password');
    expect((await login('victim', 'wrong-2')).body.message).toBe('Invalid Username or Password');
    const third = await login('victim', 'wrong-3');
    expect(third.status).toBe(400);
    expect(third.body.errorCode).toBe('KValidationError');
    expect(third.body.message).toMatch(LOCKED);

    const right = await login('victim', STRONG_PASSWORD);
    expect(right.status).toBe(400);
    const unlocksAt = Date.parse(LOCKED.exec(right.body.message)?.[1] ?? '');
    expect(unlocksAt).toBeGreaterThan(Date.now() + 60_000);
    expect(unlocksAt).toBeLessThanOrEqual(Date.now() + 2 * 60_000);
    expect((await t.server.store.getLoginFailures(lockoutKey('victim', 'LOCAL', '127.0.0.1')))?.lockedUntilMsecs).toBe(
      unlocksAt,
    );
  });

  it('locks a username that does not exist exactly like one that does', async () => {
    for (let i = 0; i < 2; i++) expect((await login('ghost', 'x')).body.message).toBe('Invalid Username or Password');
    expect((await login('ghost', 'x')).body.message).toMatch(LOCKED);
    expect((await login('ghost', 'x')).body.message).toMatch(LOCKED);
  });

  it('counts per username and domain, matching the domain case-insensitively', async () => {
    await createUser(t, adminToken, 'domains');
    await login('domains', 'bad', 'LOCAL');
    await login('domains', 'bad', 'local');
    expect((await login('domains', 'bad', 'Local')).body.message).toMatch(LOCKED);
    expect((await login('admin', 'admin')).status).toBe(201);
  });

  it('resets the count after a successful login', async () => {
    await createUser(t, adminToken, 'resetter');
    await login('resetter', 'bad');
    await login('resetter', 'bad');
    expect((await login('resetter', STRONG_PASSWORD)).status).toBe(201);
    expect(await t.server.store.getLoginFailures(lockoutKey('resetter', 'LOCAL', '127.0.0.1'))).toBeUndefined();
    await login('resetter', 'bad');
    await login('resetter', 'bad');
    expect((await login('resetter', STRONG_PASSWORD)).status).toBe(201);
  });

  it('applies to session logins too', async () => {
    await createUser(t, adminToken, 'sessionlock');
    const response = await withSessionManagement(t, bearer(adminToken), async () => {
      for (let i = 0; i < 3; i++) {
        await t.send('POST', '/v2/users/sessions', {
          body: { username: 'sessionlock', password: 'bad', domain: 'LOCAL' },
        });
      }
      return t.send<ErrorBody>('POST', '/v2/users/sessions', {
        body: { username: 'sessionlock', password: STRONG_PASSWORD, domain: 'LOCAL' },
      });
    });
    expect(response.status).toBe(400);
    expect(response.body.message).toMatch(LOCKED);
  });

  it('tells the right password for an administrator-locked account that it is locked, counting no failure', async () => {
    const user = await createUser(t, adminToken, 'benched');
    const lock = await t.send('PUT', `/v2/users/${user.sid}`, { headers: bearer(adminToken), body: { locked: true } });
    expect(lock.status).toBe(200);
    const right = await login('benched', STRONG_PASSWORD);
    expect(right.status).toBe(400);
    expect(right.body).toEqual({
      errorCode: 'KValidationError',
      message: 'The account is locked (Locked by an administrator). An administrator must unlock it.',
    });
    const counted = await t.server.store.getLoginFailures(lockoutKey('benched', 'LOCAL', '127.0.0.1'));
    expect({ failures: counted?.failures ?? 0, locked: counted?.lockedUntilMsecs ?? null }).toEqual({
      failures: 0,
      locked: null,
    });
    expect((await login('benched', 'wrong')).body.message).toBe('Invalid Username or Password');
  });

  it('lifts a failed-login lockout when an administrator unlocks the user', async () => {
    const user = await createUser(t, adminToken, 'forgiven');
    for (let i = 0; i < 3; i++) await login('forgiven', 'bad');
    expect((await login('forgiven', STRONG_PASSWORD)).body.message).toMatch(LOCKED);
    const unlock = await t.send('PUT', `/v2/users/${user.sid}`, {
      headers: bearer(adminToken),
      body: { locked: false },
    });
    expect(unlock.status).toBe(200);
    expect(await t.server.store.getLoginFailures(lockoutKey('forgiven', 'LOCAL', '127.0.0.1'))).toBeUndefined();
    expect((await login('forgiven', STRONG_PASSWORD)).status).toBe(201);
  });

  it('audits failures and locks without the password', async () => {
    const entries = await t.server.store.listAudit({ action: 'login', limit: 1000 });
    const outcomes = new Set(entries.filter((e) => e.target === 'LOCAL\\victim').map((e) => e.outcome));
    expect(outcomes).toEqual(new Set(['failure', 'locked']));
    expect(JSON.stringify(entries)).not.toContain(STRONG_PASSWORD);
  });
});

import type { ErrorBody, SecurityConfig } from 'cohesity-sdk/models';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer } from '../../helpers/identity.js';
import { startTestServer, type TestServer } from '../../helpers/start-server.js';

let t: TestServer;
let admin: Record<string, string>;
beforeAll(async () => {
  t = await startTestServer();
  admin = bearer(await t.login());
});
afterAll(() => t.close());

const lifetimeSeconds = (token: string) => Number(decodeJwt(token)['expiration-time']) - Math.floor(Date.now() / 1000);

describe('GET /v2/security-config', () => {
  it('answers 200 with the defaults of a fresh cluster', async () => {
    const response = await t.send<SecurityConfig>('GET', '/v2/security-config', { headers: admin });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      authTokenTimeoutMinutes: 1440,
      inactivityTimeoutMSecs: 1_800_000,
      sessionManagementEnabled: false,
      accountLockout: { maxFailedLoginAttempts: 5, failedLoginLockTimeDurationMins: 30, inactivityTimeDays: 0 },
      sessionConfiguration: {
        absoluteTimeout: 86400,
        inactivityTimeout: 3600,
        limitSessions: false,
        sessionLimitPerUser: 10,
        sessionLimitSystemWide: 1000,
      },
      passwordStrength: {
        minLength: 8,
        includeUpperLetter: true,
        includeLowerLetter: true,
        includeNumber: true,
        includeSpecialChar: true,
      },
      passwordLifetime: { maxLifetimeDays: 0, minLifetimeDays: 0 },
    });
  });
});

describe('PUT /v2/security-config', () => {
  it('merges a partial update, answers 200 with the whole config and persists it', async () => {
    const response = await t.send<SecurityConfig>('PUT', '/v2/security-config', {
      headers: admin,
      body: { accountLockout: { maxFailedLoginAttempts: 7 }, passwordStrength: { includeSpecialChar: false } },
    });
    expect(response.status).toBe(200);
    expect(response.body.accountLockout).toEqual({
      maxFailedLoginAttempts: 7,
      failedLoginLockTimeDurationMins: 30,
      inactivityTimeDays: 0,
    });
    expect(response.body.passwordStrength).toMatchObject({ minLength: 8, includeSpecialChar: false });
    expect(response.body.authTokenTimeoutMinutes).toBe(1440);
    expect((await t.send('GET', '/v2/security-config', { headers: admin })).body).toEqual(response.body);
    expect(await t.server.store.getSetting('securityConfig')).toEqual(response.body);
  });

  it.each([
    ['a zero token lifetime', { authTokenTimeoutMinutes: 0 }],
    ['a negative lockout count', { accountLockout: { maxFailedLoginAttempts: -1 } }],
    ['a text minimum length', { passwordStrength: { minLength: 'eight' } }],
    ['a non-boolean limitSessions', { sessionConfiguration: { limitSessions: 'yes' } }],
    ['a body that is not an object', [1, 2]],
  ])('answers 400 KValidationError for %s and changes nothing', async (_name, body) => {
    const before = await t.server.store.getSetting('securityConfig');
    const response = await t.send<ErrorBody>('PUT', '/v2/security-config', { headers: admin, body });
    expect(response.status).toBe(400);
    expect(response.body.errorCode).toBe('KValidationError');
    expect(await t.server.store.getSetting('securityConfig')).toEqual(before);
  });

  it('sets the lifetime of tokens issued afterwards with authTokenTimeoutMinutes', async () => {
    const before = await t.login();
    const response = await t.send('PUT', '/v2/security-config', {
      headers: admin,
      body: { authTokenTimeoutMinutes: 5 },
    });
    expect(response.status).toBe(200);
    const after = await t.login();
    expect(lifetimeSeconds(after)).toBeGreaterThan(5 * 60 - 30);
    expect(lifetimeSeconds(after)).toBeLessThanOrEqual(5 * 60);
    expect(lifetimeSeconds(before)).toBeGreaterThan(23 * 3600);
    expect((await t.send('GET', '/v2/clusters', { headers: bearer(before) })).status).toBe(200);
  });

  it('applies a new passwordStrength to users created afterwards', async () => {
    await t.send('PUT', '/v2/security-config', { headers: admin, body: { passwordStrength: { minLength: 20 } } });
    const response = await t.send<ErrorBody>('POST', '/v2/users', {
      headers: admin,
      body: [{ username: 'policy', roles: ['COHESITY_VIEWER'], localUserParams: { password: 'Short-but-ok-1' } }],
    });
    expect(response.status).toBe(400);
    expect(response.body.message).toContain('at least 20 characters');
  });
});

describe('--token-ttl-seconds', () => {
  it('overrides authTokenTimeoutMinutes for every token', async () => {
    const fixed = await startTestServer({ tokenTtlSeconds: 120 });
    try {
      const auth = bearer(await fixed.login());
      await fixed.send('PUT', '/v2/security-config', { headers: auth, body: { authTokenTimeoutMinutes: 600 } });
      expect(lifetimeSeconds(await fixed.login())).toBeLessThanOrEqual(120);
    } finally {
      await fixed.close();
    }
  });
});

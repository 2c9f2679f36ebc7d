import { Writable } from 'node:stream';
import type { AccessTokenResponse, ErrorBody, MfaConfigInfo, SessionUser } from 'cohesity-sdk/models';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashSecret } from '../../src/secret-hash.js';
import { bearer, createUser, STRONG_PASSWORD } from '../helpers/identity.js';
import { createMfaUser, enableMfa, enrolTotp, lastEmailCode, outbox, totpCode } from '../helpers/mfa.js';
import { setSessionManagement, withSessionManagement } from '../helpers/session-management.js';
import { startTestServer, type TestServer } from '../helpers/start-server.js';
import { V1, webLogin, withCookie } from '../helpers/web-login.js';

const MFA_TEXT = 'Only Multi-factor Authentication (MFA) related operations are allowed in this state.';
const invalidTotp = (u: string) =>
  `[13]:OTP code validation for user ${u} failed with error: Invalid TOTP code for user ${u}.`;

let t: TestServer;
let adminToken: string;
let admin: Record<string, string>;
const logLines: string[] = [];
beforeAll(async () => {
  const logStream = new Writable({
    write(chunk, _encoding, done) {
      logLines.push(String(chunk));
      done();
    },
  });
  t = await startTestServer({ logLevel: 'info', loginRateLimit: 0 }, { logStream });
  adminToken = await t.login();
  admin = bearer(adminToken);
});
afterAll(() => t.close());

const v1Login = (username: string, password: string, otpType: unknown, otpCode: unknown) =>
  t.send<AccessTokenResponse & ErrorBody>('POST', `${V1}/accessTokens`, {
    body: { domain: 'LOCAL', username, password, otpType, otpCode },
  });

/** Web login, TOTP enrolment and the first verified code: answers the secret. */
async function enrolledTotpUser(username: string): Promise<string> {
  await createMfaUser(t, adminToken, username);
  const { cookie } = await webLogin(t, username, STRONG_PASSWORD);
  const key = await enrolTotp(t, cookie);
  const verified = await t.send('POST', `${V1}/verify-otp`, {
    headers: withCookie(cookie),
    body: { otpCode: totpCode(key.totpSecretKey), otpType: 'Totp' },
  });
  expect(verified.status, verified.text).toBe(200);
  return key.totpSecretKey;
}

describe('/v2/mfa-config', () => {
  it('starts off, is read with CLUSTER_VIEW and changed with CLUSTER_MODIFY (204, no body)', async () => {
    const viewer = await createUser(t, adminToken, 'mfa-config-viewer');
    const viewerToken = bearer(await t.login(viewer.username, STRONG_PASSWORD));
    const fresh = await t.send<MfaConfigInfo>('GET', '/v2/mfa-config', { headers: viewerToken });
    expect(fresh.status).toBe(200);
    expect(fresh.body).toEqual({ enabled: false, authenticationTypes: ['totp', 'email'], retainUserMfaSettings: true });
    const refused = await t.send<ErrorBody>('PUT', '/v2/mfa-config', { headers: viewerToken, body: { enabled: true } });
    expect(refused.status).toBe(403);
    expect(refused.body.errorCode).toBe('KPrivilegeError');
    const put = await t.send('PUT', '/v2/mfa-config', { headers: admin, body: { enabled: true } });
    expect(put.status).toBe(204);
    expect(put.text).toBe('');
    expect((await t.send<MfaConfigInfo>('GET', '/v2/mfa-config', { headers: admin })).body.enabled).toBe(true);
  });
});

describe('TOTP', () => {
  beforeAll(() => enableMfa(t, admin));

  it('enrols after a web login, verifies a code the test computes, then signs the same cookie in', async () => {
    await createMfaUser(t, adminToken, 'totp-user');
    const { response, cookie } = await webLogin(t, 'totp-user', STRONG_PASSWORD);
    expect(response.status).toBe(200);
    expect(response.body.user).toMatchObject({
      isClusterMfaEnabled: true,
      mfaInfo: { isEmailOtpSetupDone: false, isTotpSetupDone: false, isUserExemptFromMfa: false },
    });
    const pending = await t.send<ErrorBody>('GET', '/v2/clusters', { headers: withCookie(cookie) });
    expect(pending.status).toBe(401);
    expect(pending.body).toEqual({ errorCode: 'KStatusUnauthorized', message: MFA_TEXT });

    const key = await enrolTotp(t, cookie);
    expect(Object.keys(key).sort()).toEqual(['totpKeyId', 'totpKeyName', 'totpSecretKey', 'totpUri']);
    expect(key.totpSecretKey).toMatch(/^[A-Z2-7]{32}$/);
    expect(key.totpUri).toMatch(/^otpauth:\/\/totp\/Cohesity:totp-user\?.*secret=[A-Z2-7]{32}/);
    expect(key.totpUri).toContain('issuer=Cohesity');
    // Sealed at rest: the secret is nowhere in the database's record.
    const sid = (await t.server.store.findUser('totp-user', 'LOCAL'))?.sid ?? '';
    expect(await t.server.store.getRecord('login-profile', sid)).not.toContain(key.totpSecretKey);

    const verified = await t.send<SessionUser>('POST', `${V1}/verify-otp`, {
      headers: withCookie(cookie),
      body: { otpCode: totpCode(key.totpSecretKey), otpType: 'Totp' },
    });
    expect(verified.status).toBe(200);
    expect(verified.body).not.toHaveProperty('errorCode');
    expect(verified.body.user.mfaInfo.isTotpSetupDone).toBe(true);
    expect((await t.send('GET', '/v2/clusters', { headers: withCookie(cookie) })).status).toBe(200);
  });

  it('answers a wrong verify-otp code with 400 KValidationError and keeps the cookie waiting', async () => {
    const secret = await enrolledTotpUser('totp-wrong');
    const { cookie } = await webLogin(t, 'totp-wrong', STRONG_PASSWORD);
    const wrong = totpCode(secret) === '000000' ? '111111' : '000000';
    const answer = await t.send<ErrorBody>('POST', `${V1}/verify-otp`, {
      headers: withCookie(cookie),
      body: { otpCode: wrong, otpType: 'Totp' },
    });
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({ errorCode: 'KValidationError', message: invalidTotp('totp-wrong') });
    expect((await t.send('GET', '/v2/clusters', { headers: withCookie(cookie) })).status).toBe(401);
  });

  it('checks v1 accessTokens codes: null → mandatory, "" → invalid, right → 201, replayed → invalid', async () => {
    const secret = await enrolledTotpUser('totp-v1');
    const missing = await v1Login('totp-v1', STRONG_PASSWORD, 'Totp', null);
    expect(missing.status).toBe(400);
    expect(missing.body).toEqual({
      errorCode: 'KValidationError',
      message: 'Please specify the mandatory parameters.',
    });
    const empty = await v1Login('totp-v1', STRONG_PASSWORD, 'Totp', '');
    expect(empty.status).toBe(400);
    expect(empty.body).toEqual({ errorCode: 'KValidationError', message: invalidTotp('totp-v1') });
    // The enrolment used the current step: the next one (within ±1 step) is fresh.
    const code = totpCode(secret, 1);
    expect((await v1Login('totp-v1', STRONG_PASSWORD, 'Totp', code)).status).toBe(201);
    const replayed = await v1Login('totp-v1', STRONG_PASSWORD, 'Totp', code);
    expect(replayed.status).toBe(400);
    expect(replayed.body.message).toBe(invalidTotp('totp-v1'));
  });

  it('takes lower-case types on v2 sessions and any case on v2 tokens', async () => {
    const secret = await enrolledTotpUser('totp-v2');
    await withSessionManagement(t, admin, async () => {
      const missing = await t.send<ErrorBody>('POST', '/v2/users/sessions', {
        body: { username: 'totp-v2', password: STRONG_PASSWORD, otpType: 'totp', otpCode: null },
      });
      expect(missing.status).toBe(400);
      expect(missing.body.message).toContain('mandatory parameters');
      const session = await t.send('POST', '/v2/users/sessions', {
        body: { username: 'totp-v2', password: STRONG_PASSWORD, otpType: 'totp', otpCode: totpCode(secret, 1) },
      });
      expect(session.status).toBe(201);
    });
    const token = await t.send('POST', '/v2/access-tokens', {
      body: { username: 'totp-v2', password: STRONG_PASSWORD, otpType: 'TOTP', otpCode: totpCode(secret, -1) },
    });
    // -1 step is at or before the step the session used: refused as a replay.
    expect(token.status).toBe(400);
  });

  it('counts wrong codes toward the lockout', async () => {
    await t.send('PUT', '/v2/security-config', {
      headers: admin,
      body: { accountLockout: { maxFailedLoginAttempts: 3 } },
    });
    try {
      const secret = await enrolledTotpUser('totp-guesser');
      for (let i = 0; i < 2; i++) {
        expect((await v1Login('totp-guesser', STRONG_PASSWORD, 'Totp', '123')).body.message).toBe(
          invalidTotp('totp-guesser'),
        );
      }
      const third = await v1Login('totp-guesser', STRONG_PASSWORD, 'Totp', '123');
      expect(third.status).toBe(400);
      expect(third.body.message).toMatch(/locked/);
      const right = await v1Login('totp-guesser', STRONG_PASSWORD, 'Totp', totpCode(secret, 1));
      expect(right.status).toBe(400);
      expect(right.body.message).toMatch(/locked/);
    } finally {
      await t.send('PUT', '/v2/security-config', {
        headers: admin,
        body: { accountLockout: { maxFailedLoginAttempts: 5 } },
      });
    }
  });

  it('lets a waiting cookie enrol only while the user has no MFA method, so a password alone cannot swap the key', async () => {
    await enrolledTotpUser('totp-swap');
    const { cookie } = await webLogin(t, 'totp-swap', STRONG_PASSWORD);
    const swap = await t.send<ErrorBody>('POST', '/v2/totp-key', { headers: withCookie(cookie), body: {} });
    expect(swap.status).toBe(409);
  });

  it('allows only MFA operations and the password change while waiting', async () => {
    await createMfaUser(t, adminToken, 'totp-waiting');
    const { cookie } = await webLogin(t, 'totp-waiting', STRONG_PASSWORD);
    for (const [method, path] of [
      ['GET', `${V1}/sessionUser`],
      ['GET', '/v2/users'],
      ['GET', '/v2/mfa-config'],
      ['POST', '/v2/access-tokens'],
    ] as const) {
      const answer = await t.send<ErrorBody>(method, path, { headers: withCookie(cookie) });
      if (path === '/v2/access-tokens') continue;
      expect(answer.status, path).toBe(401);
      expect(answer.body.message).toBe(MFA_TEXT);
    }
    expect(
      (
        await t.send('POST', '/v2/send-email-otp', {
          headers: { ...withCookie(cookie), 'content-type': 'application/json' },
        })
      ).status,
    ).toBe(204);
    expect((await t.send('POST', '/logout', { headers: withCookie(cookie) })).status).toBe(204);
  });

  it('is not asked of API keys, exempt users, or while MFA is off, whatever the OTP fields hold', async () => {
    const user = await createMfaUser(t, adminToken, 'totp-exempt');
    const key = await t.send<{ apiKey: string }>('POST', `/v2/users/${user.sid}/api-keys`, {
      headers: admin,
      body: { name: 'k' },
    });
    expect((await t.send('GET', '/v2/clusters', { headers: { apiKey: key.body.apiKey } })).status).toBe(200);
    const exempt = await t.send('PUT', `${V1}/users`, {
      headers: admin,
      body: { sid: user.sid, mfaInfo: { isUserExemptFromMfa: true } },
    });
    expect(exempt.status).toBe(200);
    for (const [type, code] of [
      ['Totp', null],
      ['Totp', ''],
      ['salesforce', 'x'],
      [null, null],
    ]) {
      expect((await v1Login('totp-exempt', STRONG_PASSWORD, type, code)).status).toBe(201);
    }
    const { response, cookie } = await webLogin(t, 'totp-exempt', STRONG_PASSWORD);
    expect(response.body.user.mfaInfo.isUserExemptFromMfa).toBe(true);
    expect((await t.send('GET', '/v2/clusters', { headers: withCookie(cookie) })).status).toBe(200);
  });

  it('refuses a user’s attempt to exempt themselves', async () => {
    const user = await createMfaUser(t, adminToken, 'totp-self-exempt');
    const { cookie } = await webLogin(t, 'totp-self-exempt', STRONG_PASSWORD);
    const self = await t.send<ErrorBody>('PUT', `${V1}/users`, {
      headers: withCookie(cookie),
      body: { sid: user.sid, mfaInfo: { isUserExemptFromMfa: true } },
    });
    expect(self.status).toBe(403);
  });
});

describe('email codes', () => {
  it('POST /v2/email-otp (no login) → 204; the code goes to the outbox, the log line has no code; single use', async () => {
    await enableMfa(t, admin, ['email']);
    try {
      await createMfaUser(t, adminToken, 'mail-user');
      const sent = await t.send('POST', '/v2/email-otp', {
        body: {
          domain: 'LOCAL',
          username: 'mail-user',
          password: STRONG_PASSWORD,
          certificate: null,
          otpCode: null,
          otpType: null,
          privateKey: null,
        },
      });
      expect(sent.status).toBe(204);
      const mail = (await outbox(t)).at(-1);
      expect(mail).toMatchObject({ to: 'mail-user@example.com', user: 'LOCAL\\mail-user' });
      expect(mail?.code).toMatch(/^\d{6}$/);
      const logged = logLines.filter((line) => line.includes('email OTP sent'));
      expect(logged.length).toBeGreaterThan(0);
      for (const line of logLines) expect(line).not.toContain(`"${mail?.code}"`);
      const sid = (await t.server.store.findUser('mail-user', 'LOCAL'))?.sid ?? '';
      expect(await t.server.store.getRecord('email-otp', sid)).not.toContain(mail?.code);

      expect((await v1Login('mail-user', STRONG_PASSWORD, 'Email', mail?.code)).status).toBe(201);
      const again = await v1Login('mail-user', STRONG_PASSWORD, 'Email', mail?.code);
      expect(again.status).toBe(400);
      expect(again.body.errorCode).toBe('KValidationError');
    } finally {
      await enableMfa(t, admin, ['totp', 'email']);
    }
  });

  it('after a web login: a bodiless send-email-otp with a JSON type (204), then verify-otp Email signs in', async () => {
    await createMfaUser(t, adminToken, 'mail-web');
    const { cookie } = await webLogin(t, 'mail-web', STRONG_PASSWORD);
    const sent = await t.send('POST', '/v2/send-email-otp', {
      headers: { ...withCookie(cookie), 'content-type': 'application/json' },
    });
    expect(sent.status).toBe(204);
    const verified = await t.send<SessionUser>('POST', `${V1}/verify-otp`, {
      headers: withCookie(cookie),
      body: { otpCode: await lastEmailCode(t, 'mail-web'), otpType: 'Email' },
    });
    expect(verified.status).toBe(200);
    expect(verified.body.user.mfaInfo.isEmailOtpSetupDone).toBe(true);
    expect((await t.send('GET', '/v2/clusters', { headers: withCookie(cookie) })).status).toBe(200);
  });

  it('keeps the code only as a keyed hash', async () => {
    const user = await createMfaUser(t, adminToken, 'mail-hash');
    await t.send('POST', '/v2/email-otp', { body: { username: 'mail-hash', password: STRONG_PASSWORD } });
    const code = await lastEmailCode(t, 'mail-hash');
    const stored = (await t.server.store.getRecord('email-otp', user.sid)) ?? '';
    expect(stored).not.toContain(code);
    expect(stored).not.toContain(hashSecret(code));
    await setSessionManagement(t, admin, false);
  });
});

import type { ErrorBody, SupportMfaConfigInfo, UpdateMfaResult, VerifyTotpResult } from 'cohesity-sdk/models';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createUser, STRONG_PASSWORD } from '../helpers/identity.js';
import { outbox, totpCode } from '../helpers/mfa.js';
import { startTestServer, type TestServer } from '../helpers/start-server.js';

const OFF: SupportMfaConfigInfo = {
  enabled: false,
  mfaType: null,
  email: null,
  mfaCode: null,
  otpVerificationState: 'kNotStarted',
};

let t: TestServer;
let admin: Record<string, string>;
let viewer: Record<string, string>;
beforeAll(async () => {
  t = await startTestServer();
  const adminToken = await t.login();
  admin = bearer(adminToken);
  await createUser(t, adminToken, 'support-viewer');
  viewer = bearer(await t.login('support-viewer', STRONG_PASSWORD));
});
afterAll(() => t.close());

const getMfa = (headers = admin) => t.send<SupportMfaConfigInfo>('GET', '/v2/support-user/mfa', { headers });
const patchMfa = (body: object, headers = admin) =>
  t.send<UpdateMfaResult & ErrorBody>('PATCH', '/v2/support-user/mfa', { headers, body });
const verifyTotp = (totpCode: string, headers = admin) =>
  t.send<VerifyTotpResult & ErrorBody>('POST', '/v2/support-user/verify-totp', { headers, body: { totpCode } });
// Bodiless, with a JSON content type, as the v2 SDK sends it.
const sendEmail = (headers = admin) =>
  t.send<ErrorBody>('POST', '/v2/support-user/send-email-otp', {
    headers: { ...headers, 'content-type': 'application/json' },
  });

describe('support user MFA (login flows §3.8)', () => {
  it('starts off; GET needs CLUSTER_VIEW, the rest CLUSTER_MODIFY, and a refusal changes nothing', async () => {
    expect((await getMfa()).body).toEqual(OFF);
    expect((await getMfa(viewer)).body).toEqual(OFF);
    expect((await t.send('GET', '/v2/support-user/mfa')).status).toBe(401);
    for (const refused of [
      await patchMfa({ enabled: true, mfaType: 'totp' }, viewer),
      await sendEmail(viewer),
      await verifyTotp('123456', viewer),
    ]) {
      expect(refused.status).toBe(403);
      expect(refused.body.errorCode).toBe('KPrivilegeError');
    }
    expect((await getMfa()).body).toEqual(OFF);
  });

  it('PATCH totp: 200 with the new key once; verify-totp 200 {success} for a wrong, right and replayed code', async () => {
    const patched = await patchMfa({ enabled: true, mfaType: 'totp' });
    expect(patched.status).toBe(200);
    const secret = patched.body.totpSecretKey;
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    expect(patched.body).toEqual({
      enabled: true,
      mfaType: 'totp',
      email: null,
      mfaCode: null,
      otpVerificationState: 'kPending',
      accountName: 'support',
      totpSecretKey: secret,
      totpUri: `otpauth://totp/Cohesity:support?secret=${secret}&issuer=Cohesity`,
    });
    const shown = await getMfa();
    expect(shown.body).toEqual({ ...OFF, enabled: true, mfaType: 'totp', otpVerificationState: 'kPending' });
    // Sealed at rest: the secret is in no stored record.
    const stored = JSON.stringify(await t.server.store.listRecords('support-user-mfa'));
    expect(stored).not.toContain(secret);

    const wrong = await verifyTotp('000000');
    expect(wrong.status).toBe(200);
    expect(wrong.body).toEqual({ success: false, message: 'The TOTP code is not valid' });
    expect((await getMfa()).body.otpVerificationState).toBe('kFailure');
    const code = totpCode(secret);
    expect((await verifyTotp(code)).body).toEqual({ success: true, message: 'The TOTP code is verified' });
    expect((await getMfa()).body.otpVerificationState).toBe('kSuccess');
    expect((await verifyTotp(code)).body.success).toBe(false);
    expect((await getMfa()).body.otpVerificationState).toBe('kSuccess');
    // A PATCH that names nothing new keeps the key: no secret in its answer.
    const same = await patchMfa({ enabled: true });
    expect({ key: same.body.totpSecretKey, state: same.body.otpVerificationState }).toEqual({
      key: '',
      state: 'kSuccess',
    });
    // Email calls do not apply to a TOTP setup.
    expect((await sendEmail()).status).toBe(400);
  });

  it('PATCH email: kPending until the emailed code comes back as mfaCode; a wrong code leaves kFailure', async () => {
    for (const body of [
      { enabled: true, mfaType: 'email', email: null },
      { enabled: true, mfaType: 'salesforce' },
    ]) {
      const refused = await patchMfa(body);
      expect(refused.status).toBe(400);
      expect(refused.body.errorCode).toBe('KValidationError');
    }
    const patched = await patchMfa({ enabled: true, mfaType: 'email', email: 'support@example.com' });
    expect(patched.body).toMatchObject({
      mfaType: 'email',
      email: 'support@example.com',
      totpSecretKey: '',
      totpUri: '',
    });
    expect(patched.body.otpVerificationState).toBe('kPending');
    expect((await verifyTotp('123456')).status).toBe(400);

    expect((await sendEmail()).status).toBe(204);
    const mail = (await outbox(t)).filter((m) => m.user === 'support').at(-1);
    expect(mail?.to).toBe('support@example.com');
    const wrong = String((Number(mail?.code) + 1) % 1_000_000).padStart(6, '0');
    expect((await patchMfa({ mfaCode: wrong })).body.otpVerificationState).toBe('kFailure');
    expect((await patchMfa({ mfaCode: mail?.code })).body.otpVerificationState).toBe('kSuccess');
    expect((await getMfa()).body).toEqual({
      ...OFF,
      enabled: true,
      mfaType: 'email',
      email: 'support@example.com',
      otpVerificationState: 'kSuccess',
    });
    // A new address starts a new setup.
    const moved = await patchMfa({ email: 'support2@example.com' });
    expect(moved.body.otpVerificationState).toBe('kPending');
  });

  it('PATCH enabled false forgets the method', async () => {
    const off = await patchMfa({ enabled: false });
    expect(off.status).toBe(200);
    expect(off.body).toEqual({ ...OFF, accountName: 'support', totpSecretKey: '', totpUri: '' });
    expect((await getMfa()).body).toEqual(OFF);
    expect((await sendEmail()).status).toBe(400);
    expect((await verifyTotp('123456')).status).toBe(400);
    expect((await patchMfa({ enabled: true })).status).toBe(400);
  });

  it('a code mailed for an earlier setup (another address, or before MFA was turned off) verifies no later one', async () => {
    const mailedCode = async () => {
      expect((await sendEmail()).status).toBe(204);
      return (await outbox(t)).filter((m) => m.user === 'support').at(-1)?.code;
    };
    await patchMfa({ enabled: true, mfaType: 'email', email: 'support3@example.com' });
    const forOldAddress = await mailedCode();
    expect((await patchMfa({ email: 'support4@example.com' })).body.otpVerificationState).toBe('kPending');
    expect((await patchMfa({ mfaCode: forOldAddress })).body.otpVerificationState).toBe('kFailure');

    const beforeOff = await mailedCode();
    expect((await patchMfa({ enabled: false })).status).toBe(200);
    await patchMfa({ enabled: true, mfaType: 'email', email: 'support4@example.com' });
    expect((await patchMfa({ mfaCode: beforeOff })).body.otpVerificationState).toBe('kFailure');
    expect((await patchMfa({ mfaCode: await mailedCode() })).body.otpVerificationState).toBe('kSuccess');
    expect((await patchMfa({ enabled: false })).status).toBe(200);
  });
});

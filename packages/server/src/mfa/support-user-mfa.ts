import type { SupportMfaConfigInfo, UpdateMfaResult, UpdateSupportMfaConfig } from 'cohesity-sdk/models';
import type { FastifyBaseLogger } from 'fastify';
import { generateSecret } from 'otplib';
import { invalidRequest } from '../errors.js';
import type { Services } from '../services.js';
import { forgetEmailCode, sendEmailCode, verifyEmailCode } from './email-otp.js';
import { forgetUsedSteps, totpUri, verifyTotpStep } from './totp.js';

/** The cluster's support account (Cohesity support's login), whose MFA these calls set up. */
export const SUPPORT_ACCOUNT = 'support';

type MfaType = NonNullable<SupportMfaConfigInfo['mfaType']>;
type State = SupportMfaConfigInfo['otpVerificationState'];

/** As stored: the TOTP secret sealed at rest, never shown again after the PATCH that made it. */
interface StoredSupportMfa {
  enabled: boolean;
  mfaType: MfaType | null;
  email: string | null;
  otpVerificationState: State;
  sealedSecret: string | null;
}

const KIND = 'support-user-mfa';
/** Keys the record, the emailed code and the used TOTP steps. */
const ID = 'support-user';
const SEAL_CONTEXT = 'totp:support-user';
const OFF: StoredSupportMfa = {
  enabled: false,
  mfaType: null,
  email: null,
  otpVerificationState: 'kNotStarted',
  sealedSecret: null,
};

async function read(services: Services): Promise<StoredSupportMfa> {
  const text = await services.store.getRecord(KIND, ID);
  return text === undefined ? OFF : (JSON.parse(text) as StoredSupportMfa);
}

const write = (services: Services, next: StoredSupportMfa) => services.store.putRecord(KIND, ID, JSON.stringify(next));

/** `GET /v2/support-user/mfa`: never the secret, never a code. */
export async function supportMfaInfo(services: Services): Promise<SupportMfaConfigInfo> {
  const { sealedSecret: _, ...shown } = await read(services);
  return { ...shown, mfaCode: null };
}

/** A verified setup stays verified; a wrong code otherwise leaves `kFailure`. */
const stateAfter = (before: State, right: boolean): State => (right || before === 'kSuccess' ? 'kSuccess' : 'kFailure');

/** Checks a code against the pending (or done) setup: once per code, on any node. */
async function codeIsRight(services: Services, stored: StoredSupportMfa, code: string): Promise<boolean> {
  if (stored.mfaType === 'email') return verifyEmailCode(services, ID, code);
  if (stored.mfaType !== 'totp' || stored.sealedSecret === null) return false;
  return verifyTotpStep(services, ID, services.atRest.open(stored.sealedSecret, SEAL_CONTEXT), code);
}

/**
 * `PATCH /v2/support-user/mfa` (the project's rules, login flows §3.8): what the body names
 * changes. Turning it off forgets the method, its pending code and used steps. Naming `totp` makes a new key (its secret in
 * this answer only) and `email` (or a new address) a new setup, both `kPending` until a code
 * is verified: an emailed one through `mfaCode` here, a TOTP one here or through verify-totp.
 * A wrong code leaves `kFailure` (unless already verified); the setup stays, to verify again.
 */
export async function updateSupportMfa(services: Services, body: UpdateSupportMfaConfig): Promise<UpdateMfaResult> {
  const before = await read(services);
  const enabled = body.enabled ?? before.enabled;
  const mfaType = body.mfaType === undefined ? before.mfaType : body.mfaType;
  const email = body.email === undefined ? before.email : body.email;
  let secret = '';
  let next: StoredSupportMfa;
  if (!enabled) {
    next = OFF;
    await forgetEmailCode(services, ID);
    await forgetUsedSteps(services, ID);
  } else {
    if (mfaType === null) throw invalidRequest('mfaType is required to enable the support user’s MFA');
    if (mfaType === 'salesforce') throw invalidRequest('Salesforce MFA is not available on this cluster');
    if (mfaType === 'email' && !email?.includes('@')) {
      throw invalidRequest('email must be an email address for email MFA');
    }
    next = { ...before, enabled, mfaType, email };
    const newTotpKey = mfaType === 'totp' && body.mfaType === 'totp' && !body.mfaCode;
    const newEmailSetup =
      mfaType === 'email' && (!before.enabled || before.mfaType !== 'email' || email !== before.email);
    if (newTotpKey) {
      secret = generateSecret();
      next = { ...next, sealedSecret: services.atRest.seal(secret, SEAL_CONTEXT), otpVerificationState: 'kPending' };
      await forgetUsedSteps(services, ID);
    } else if (newEmailSetup) {
      // A code mailed for the setup before (another address) does not verify this one.
      await forgetEmailCode(services, ID);
      next = { ...next, sealedSecret: null, otpVerificationState: 'kPending' };
    } else if (mfaType === 'totp' && next.sealedSecret === null) {
      throw invalidRequest('Name mfaType totp to make a TOTP key for the support user');
    }
    if (body.mfaCode) {
      const right = await codeIsRight(services, next, body.mfaCode);
      next = { ...next, otpVerificationState: stateAfter(next.otpVerificationState, right) };
    }
  }
  await write(services, next);
  const { sealedSecret: _, ...shown } = next;
  return {
    ...shown,
    mfaCode: null,
    accountName: SUPPORT_ACCOUNT,
    totpSecretKey: secret,
    totpUri: secret ? totpUri(SUPPORT_ACCOUNT, secret) : '',
  };
}

/** `POST /v2/support-user/send-email-otp`: a code to the support user's address (the outbox). */
export async function sendSupportEmailOtp(services: Services, log: FastifyBaseLogger): Promise<void> {
  const stored = await read(services);
  if (!stored.enabled || stored.mfaType !== 'email' || stored.email === null) {
    throw invalidRequest('The support user’s MFA is not set to email');
  }
  await sendEmailCode(services, log, { id: ID, email: stored.email, user: SUPPORT_ACCOUNT });
}

/** `POST /v2/support-user/verify-totp`: 200 either way, `success` says which. */
export async function verifySupportTotp(services: Services, code: string): Promise<{ success: boolean; state: State }> {
  const stored = await read(services);
  if (!stored.enabled || stored.mfaType !== 'totp' || stored.sealedSecret === null) {
    throw invalidRequest('The support user’s MFA is not set to TOTP');
  }
  const success = await codeIsRight(services, stored, code);
  const state = stateAfter(stored.otpVerificationState, success);
  // Only from what was read: a PATCH in between (a new key) is not overwritten.
  await services.store.swapRecord(
    KIND,
    ID,
    JSON.stringify(stored),
    JSON.stringify({ ...stored, otpVerificationState: state }),
  );
  return { success, state };
}

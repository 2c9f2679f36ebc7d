import { randomUUID } from 'node:crypto';
import { generateSecret, generateURI, verify } from 'otplib';
import type { Services } from '../services.js';
import type { UserRecord } from '../store/store.js';
import { type LoginProfile, readLoginProfile, updateLoginProfile } from './login-profile.js';

/** Login flows §3.3, the project's parameters: RFC 6238 defaults (SHA-1, 6 digits, 30 s, base32). */
const ISSUER = 'Cohesity';
/** ±1 step of 30 s: a phone's clock a little off still works. */
const TOLERANCE_SECONDS = 30;
const LAST_STEP = 'totp-last-step';

const sealContext = (sid: string) => `totp:${sid}`;

/** `otpauth://totp/Cohesity:<account>?secret=…&issuer=Cohesity`, for the QR code. */
export function totpUri(account: string, secret: string): string {
  return generateURI({ issuer: ISSUER, label: account, secret });
}

/** A new key for the user, replacing any other; the secret is sealed at rest and shown once. */
export async function enrolTotp(services: Services, user: UserRecord, keyName: string | null | undefined) {
  const secret = generateSecret();
  const totp: NonNullable<LoginProfile['totp']> = {
    keyId: randomUUID(),
    keyName: keyName || `${user.username} TOTP`,
    sealedSecret: services.atRest.seal(secret, sealContext(user.sid)),
    verified: false,
  };
  await updateLoginProfile(services, user.sid, (profile) => ({ ...profile, totp }));
  await forgetUsedSteps(services, user.sid);
  return {
    totpKeyId: totp.keyId,
    totpKeyName: totp.keyName,
    totpSecretKey: secret,
    totpUri: totpUri(user.username, secret),
  };
}

/**
 * Checks a code against a secret. Each time step is accepted once per `stepId`: the last
 * used step is moved on with a compare-and-swap, so a replayed code fails on every node,
 * even in a race. `ownerSid` ties the record of used steps to a user (deleted with them).
 */
export async function verifyTotpStep(
  services: Services,
  stepId: string,
  secret: string,
  code: string,
  ownerSid?: string,
): Promise<boolean> {
  if (!/^\d{6}$/.test(code)) return false;
  const last = await services.store.getRecord(LAST_STEP, stepId);
  const result = await verify({
    secret,
    token: code,
    epoch: Math.floor(services.now() / 1000),
    epochTolerance: TOLERANCE_SECONDS,
    ...(last === undefined ? {} : { afterTimeStep: Number(last) }),
  });
  if (!result.valid || !('timeStep' in result)) return false;
  return services.store.swapRecord(LAST_STEP, stepId, last, String(result.timeStep), ownerSid);
}

/** A new secret starts a new count of used steps. */
export const forgetUsedSteps = (services: Services, stepId: string) => services.store.deleteRecord(LAST_STEP, stepId);

/** Checks a code against the user's key; the first accepted code completes setup. */
export async function verifyTotpCode(services: Services, user: UserRecord, code: string): Promise<boolean> {
  const { totp } = await readLoginProfile(services, user.sid);
  if (!totp) return false;
  const secret = services.atRest.open(totp.sealedSecret, sealContext(user.sid));
  if (!(await verifyTotpStep(services, user.sid, secret, code, user.sid))) return false;
  if (!totp.verified) {
    await updateLoginProfile(services, user.sid, (profile) =>
      profile.totp?.keyId === totp.keyId ? { ...profile, totp: { ...profile.totp, verified: true } } : profile,
    );
  }
  return true;
}

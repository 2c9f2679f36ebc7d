import type { Services } from '../services.js';

/** A user's login settings beyond the user row: MFA enrolment and exemption, UI access. */
export interface LoginProfile {
  /** `mfaInfo.isUserExemptFromMfa`. */
  mfaExempt: boolean;
  /** Without it `POST /login` answers 403 and clients fall back to tokens (login flows §2). */
  uiAccess: boolean;
  /** The TOTP key, its secret sealed at rest; `verified` once a code from it was accepted. */
  totp: { keyId: string; keyName: string; sealedSecret: string; verified: boolean } | null;
  /** `mfaInfo.isEmailOtpSetupDone`: an emailed code was accepted once. */
  emailVerified: boolean;
}

const KIND = 'login-profile';
export const DEFAULT_LOGIN_PROFILE: LoginProfile = {
  mfaExempt: false,
  uiAccess: true,
  totp: null,
  emailVerified: false,
};

const parse = (text: string | undefined): LoginProfile => ({
  ...DEFAULT_LOGIN_PROFILE,
  ...(text === undefined ? {} : (JSON.parse(text) as Partial<LoginProfile>)),
});

export async function readLoginProfile(services: Services, sid: string): Promise<LoginProfile> {
  return parse(await services.store.getRecord(KIND, sid));
}

/**
 * Applies `change` to the profile as stored (deleted with the user), retrying when another
 * request changed it in between, so that concurrent changes on any node are not lost.
 */
export async function updateLoginProfile(
  services: Services,
  sid: string,
  change: (profile: LoginProfile) => LoginProfile,
): Promise<LoginProfile> {
  for (;;) {
    const before = await services.store.getRecord(KIND, sid);
    const next = change(parse(before));
    if (await services.store.swapRecord(KIND, sid, before, JSON.stringify(next), sid)) return next;
  }
}

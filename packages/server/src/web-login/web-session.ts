import type { Services } from '../services.js';
import type { SessionRecord } from '../store/store.js';

/**
 * What a web-login session is allowed, kept in its row of `sessions` (`webState`), so that
 * it ends with the session, however that ends. Its absolute end, `authTokenTimeoutMinutes`
 * after the login, is the row's `expiresAtMsecs`.
 */
export interface WebSessionState {
  /** Until `verify-otp` succeeds only MFA operations are allowed. */
  mfaPending: boolean;
  /** `forcePasswordChange` (or an expired password): only the password change is allowed. */
  passwordChangeOnly: boolean;
}

export const webSessionState = (session: SessionRecord): WebSessionState | undefined =>
  session.webState === null ? undefined : (JSON.parse(session.webState) as WebSessionState);

/** Moves the state on, only from what the caller read (two verifications cannot both win). */
export async function replaceWebSession(
  services: Services,
  idHash: string,
  from: WebSessionState,
  to: WebSessionState,
): Promise<boolean> {
  return services.store.swapSessionWebState(idHash, JSON.stringify(from), JSON.stringify(to));
}

import type { SecurityConfig } from 'cohesity-sdk/models';
import type { Services } from '../services.js';
import type { SessionRecord } from '../store/store.js';

/** What a web-login session is allowed, kept beside its row in `sessions` (keyed by the id's hash). */
export interface WebSessionState {
  /** `authTokenTimeoutMinutes` after the login ("applies both for … token and browser login cookie"). */
  expiresAtMsecs: number;
  /** Until `verify-otp` succeeds only MFA operations are allowed. */
  mfaPending: boolean;
  /** `forcePasswordChange`: only the password change is allowed. */
  passwordChangeOnly: boolean;
}

const KIND = 'web-session';

export async function putWebSession(services: Services, idHash: string, state: WebSessionState, userSid: string) {
  await services.store.putRecord(KIND, idHash, JSON.stringify(state), userSid);
}

export async function readWebSession(services: Services, idHash: string): Promise<WebSessionState | undefined> {
  const text = await services.store.getRecord(KIND, idHash);
  return text === undefined ? undefined : (JSON.parse(text) as WebSessionState);
}

/** Moves the state on, only from what the caller read (two verifications cannot both win). */
export async function replaceWebSession(
  services: Services,
  idHash: string,
  from: WebSessionState,
  to: WebSessionState,
): Promise<boolean> {
  return services.store.swapRecord(KIND, idHash, JSON.stringify(from), JSON.stringify(to));
}

export async function forgetWebSession(services: Services, idHash: string): Promise<void> {
  await services.store.deleteRecord(KIND, idHash);
}

/**
 * Web sessions end at their absolute lifetime and after `inactivityTimeoutMSecs` unused
 * (the UI's idle timeout: the project applies it to scripted cookies too), besides the
 * `sessionConfiguration` timeouts every session obeys.
 */
export function isWebSessionExpired(
  state: WebSessionState,
  session: SessionRecord,
  config: SecurityConfig,
  nowMs: number,
): boolean {
  if (state.expiresAtMsecs <= nowMs) return true;
  return config.inactivityTimeoutMSecs > 0 && nowMs - session.lastSeenTimeMsecs >= config.inactivityTimeoutMSecs;
}

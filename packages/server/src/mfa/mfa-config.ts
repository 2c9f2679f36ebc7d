import type { MfaConfigInfo } from 'cohesity-sdk/models';
import type { Services } from '../services.js';
import type { UserRecord } from '../store/store.js';
import { readLoginProfile } from './login-profile.js';

/** A fresh cluster: MFA off; when turned on, both methods a stand-in can check. */
export const DEFAULT_MFA_CONFIG: MfaConfigInfo = {
  enabled: false,
  authenticationTypes: ['totp', 'email'],
  retainUserMfaSettings: true,
};

export async function mfaConfig(services: Services): Promise<MfaConfigInfo> {
  return (await services.store.getSetting('mfaConfig')) ?? DEFAULT_MFA_CONFIG;
}

/** The methods a user may prove a code with: the cluster's, where the user can receive one. */
export type MfaMethod = 'totp' | 'email';

/**
 * Login flows §3.2, the project's rule: MFA applies when the cluster has it on and the user
 * is not exempt. API keys never need it (script docs: "API keys bypass MFA").
 */
export async function mfaMethodsFor(services: Services, user: UserRecord): Promise<MfaMethod[] | null> {
  const config = await mfaConfig(services);
  if (!config.enabled) return null;
  const profile = await readLoginProfile(services, user.sid);
  if (profile.mfaExempt) return null;
  return config.authenticationTypes.filter(
    (type): type is MfaMethod => type === 'totp' || (type === 'email' && user.email !== null),
  );
}

import type { FaultModes } from 'cohesity-sdk/models';
import { mfaConfig } from '../mfa/mfa-config.js';
import type { Services } from '../services.js';

/**
 * The modes are the cluster's own switches, not a fault layer's imitation: session
 * management is `sessionManagementEnabled` in `/v2/security-config`, MFA-required is
 * `enabled` in `/v2/mfa-config`. Switching them here is what an administrator's PUT does.
 */
export async function readModes(services: Services): Promise<FaultModes> {
  const [security, mfa] = await Promise.all([services.securityConfig(), mfaConfig(services)]);
  return { sessionManagement: security.sessionManagementEnabled, mfaRequired: mfa.enabled };
}

export async function writeModes(services: Services, modes: FaultModes): Promise<void> {
  const security = await services.securityConfig();
  if (security.sessionManagementEnabled !== modes.sessionManagement) {
    await services.store.putSetting('securityConfig', {
      ...security,
      sessionManagementEnabled: modes.sessionManagement,
    });
  }
  const mfa = await mfaConfig(services);
  if (mfa.enabled !== modes.mfaRequired)
    await services.store.putSetting('mfaConfig', { ...mfa, enabled: modes.mfaRequired });
}

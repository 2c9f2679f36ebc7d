import { DEFAULT_SECURITY_CONFIG } from '../bootstrap.js';
import { ConfigError } from '../config/config-error.js';
import { ApiError } from '../errors.js';
import { DEFAULT_ADMIN_PASSWORD } from './admin-status.js';
import { assertPasswordStrength } from './password-policy.js';

/**
 * `--admin-password` obeys the password policy a fresh cluster has, as any other password
 * does. Not giving it keeps the default `admin` (and the banner's warning).
 */
export function assertAdminPasswordStrength(adminPassword: string): void {
  if (adminPassword === DEFAULT_ADMIN_PASSWORD) return;
  try {
    assertPasswordStrength(adminPassword, DEFAULT_SECURITY_CONFIG.passwordStrength);
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    const { minLength } = DEFAULT_SECURITY_CONFIG.passwordStrength;
    throw new ConfigError(
      `--admin-password: ${error.message} (the policy: ${minLength}+ characters with an upper-case and a lower-case letter, a number and a special character)`,
    );
  }
}

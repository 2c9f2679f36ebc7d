import { ApiError } from '../errors.js';
import type { Services } from '../services.js';

/** Login flows §6: the exact text both client libraries test for. */
export const accessDenied = () => new ApiError(400, 'KValidationError', 'Access denied');

/**
 * One of token logins and session logins works at a time (login flows §6): session
 * management on refuses both token endpoints, off refuses `POST /v2/users/sessions`.
 * Called before the password is checked, so a refused login counts no failure.
 */
export async function refuseOtherLoginMode(services: Services, sessionLogin: boolean): Promise<void> {
  if ((await services.securityConfig()).sessionManagementEnabled !== sessionLogin) throw accessDenied();
}

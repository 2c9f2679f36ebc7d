import type { AccessTokenResponse } from 'cohesity-sdk/models';
import type { Services } from '../services.js';
import type { UserRecord } from '../store/store.js';
import { privilegesOf } from './privileges.js';

/** Token lifetime: the operator's override, else the security config's (24 h by default). */
export async function tokenTtlSeconds(services: Services): Promise<number> {
  return services.config.tokenTtlSeconds ?? (await services.securityConfig()).authTokenTimeoutMinutes * 60;
}

/** The login answer: exactly `{accessToken, tokenType, privileges}`. */
export async function issueAccessToken(services: Services, user: UserRecord): Promise<AccessTokenResponse> {
  const accessToken = await services.tokens.issue(user, await tokenTtlSeconds(services), services.now());
  return { accessToken, tokenType: 'Bearer', privileges: privilegesOf(user.roles) };
}

import type { FastifyRequest } from 'fastify';
import type { Principal } from '../auth/principal.js';
import { missingPrivilege, noCredentials } from '../errors.js';
import { mfaPending } from '../mfa/mfa-errors.js';
import { passwordChangeRequired } from '../web-login/restrict-web-session.js';

type V2Update = FastifyRequest<{
  Params: { sid: string };
  Body: { localUserParams?: { password?: string; currentPassword?: string | null } } & Record<string, unknown>;
}>;

/** Only `localUserParams.password` (and `currentPassword`) in a v2 user update. */
export function isOnlyPasswordChange(body: V2Update['body']): boolean {
  const { localUserParams, ...rest } = body ?? {};
  if (Object.keys(rest).length > 0 || localUserParams?.password === undefined) return false;
  return Object.keys(localUserParams).every((k) => k === 'password' || k === 'currentPassword');
}

/** Whether the caller's web login still waits for its MFA code or a password change. */
export const isUnfinishedWebLogin = (principal: Principal) =>
  !!(principal.session?.web?.mfaPending || principal.session?.web?.passwordChangeOnly);

/**
 * `PUT /v2/users/{sid}`: anyone may change their own password (login flows §4: the v2
 * equivalent of v1 `PUT /public/users`); any other change needs PRINCIPAL_MODIFY, and a web
 * login that has not finished (MFA, forced change) may change nothing but that password.
 */
export async function requireModifyOrOwnPassword(request: FastifyRequest): Promise<void> {
  const principal = request.actor.principal;
  if (!principal) throw noCredentials();
  const { params, body } = request as V2Update;
  const ownPassword = params.sid === principal.user.sid && isOnlyPasswordChange(body);
  if (ownPassword) return;
  if (isUnfinishedWebLogin(principal)) {
    throw principal.session?.web?.mfaPending ? mfaPending() : passwordChangeRequired();
  }
  if (!principal.privileges.has('PRINCIPAL_MODIFY')) throw missingPrivilege('PRINCIPAL_MODIFY');
}

import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  type CreateAccessTokenRequestParams,
  CreateAccessTokenRequestParamsSchema,
  type SessionUser,
  SessionUserSchema,
} from 'cohesity-sdk/models';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { mustChangePassword } from '../accounts/password-expiry.js';
import { startSession } from '../accounts/sessions.js';
import { audit } from '../audit.js';
import { tokenTtlSeconds } from '../auth/issue-access-token.js';
import { loginWithPassword } from '../auth/login.js';
import { loginRoute } from '../auth/login-route.js';
import { ApiError } from '../errors.js';
import { readLoginProfile } from '../mfa/login-profile.js';
import { mfaMethodsFor } from '../mfa/mfa-config.js';
import { errorResponses } from '../routes/route-schemas.js';
import type { Services } from '../services.js';
import { clearedSessionCookie, sessionCookie } from './session-cookie.js';
import { toSessionUser } from './session-user.js';

/** Login flows §2: pyhesity falls back to tokens on this 403 text (the project's errorCode). */
export const noUiPrivilege = () =>
  new ApiError(403, 'KPrivilegeError', 'User does not have the privilege to access UI');

/**
 * `POST /login` (the cluster's web login) and `POST /logout`. The login answers 200 (the
 * project's choice: pyhesity takes 200 or 201, PowerShell any 2xx) with v1 `SessionUser`
 * and sets the one session cookie, in either session-management mode.
 */
export async function webLoginRoutes(app: FastifyInstance, services: Services) {
  const routes = app.withTypeProvider<TypeBoxTypeProvider>();

  routes.post(
    '/login',
    loginRoute(CreateAccessTokenRequestParamsSchema, { 200: SessionUserSchema }),
    async function webLogin(
      request: FastifyRequest<{ Body: CreateAccessTokenRequestParams }>,
      reply: FastifyReply,
    ): Promise<SessionUser> {
      const user = await loginWithPassword(services, request.actor, request.body);
      // Said only to whoever knows the password, so it tells an attacker nothing.
      if (!(await readLoginProfile(services, user.sid)).uiAccess) throw noUiPrivilege();
      const mfaPending = (await mfaMethodsFor(services, user)) !== null;
      // The state is written with the session, so the cookie is never valid without it.
      const sessionId = await startSession(services, request.actor, user, {
        state: {
          mfaPending,
          passwordChangeOnly: mustChangePassword(user, await services.securityConfig(), services.now()),
        },
        expiresAtMsecs: services.now() + (await tokenTtlSeconds(services)) * 1000,
      });
      reply.header('set-cookie', sessionCookie(sessionId));
      return toSessionUser(services, user);
    },
  );

  // The project's single-session logout: ends the session the cookie or `session-id` names.
  routes.post(
    '/logout',
    { config: { mfaStep: true, passwordChange: true }, schema: { response: errorResponses } },
    async function webLogout(request, reply) {
      const session = request.actor.principal?.session;
      if (session) {
        await services.store.deleteSession(session.idHash);
        await audit(services, request.actor, { action: 'session.delete', outcome: 'success', target: 'self' });
      }
      reply.header('set-cookie', clearedSessionCookie()).code(204);
    },
  );
}

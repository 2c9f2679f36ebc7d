import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { type UpdateUserV1Params, UpdateUserV1ParamsSchema, type WebUser, WebUserSchema } from 'cohesity-sdk/models';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { checkNewPassword } from '../accounts/check-new-password.js';
import { updateUserRevokingCredentials } from '../accounts/revoke-credentials.js';
import { audit } from '../audit.js';
import type { Principal } from '../auth/principal.js';
import { missingParameters, missingPrivilege, notFound } from '../errors.js';
import { type LoginProfile, readLoginProfile, updateLoginProfile } from '../mfa/login-profile.js';
import { errorResponses } from '../routes/route-schemas.js';
import type { Services } from '../services.js';
import { assertInTenantScope } from '../tenants/tenant-scope.js';
import { toWebUser } from '../web-login/session-user.js';
import { isUnfinishedWebLogin } from './own-password-change.js';

/** The administrator-only settings of v1 `PUT /public/users` that differ from the profile. */
function profileChanges(body: UpdateUserV1Params, profile: LoginProfile): Partial<LoginProfile> {
  const exempt = body.mfaInfo?.isUserExemptFromMfa;
  return {
    ...(typeof exempt === 'boolean' && exempt !== profile.mfaExempt ? { mfaExempt: exempt } : {}),
    ...(typeof body.uiAccess === 'boolean' && body.uiAccess !== profile.uiAccess ? { uiAccess: body.uiAccess } : {}),
  };
}

/**
 * v1 `PUT /public/users` (login flows §4): clients send back the `/login` user with
 * `currentPassword` and `password`; read-only fields are ignored. Users change their own
 * password (even before MFA or while a change is forced); administrators reset others'
 * and set MFA exemption and UI access.
 */
export async function updateUserV1Route(app: FastifyInstance, services: Services) {
  app.withTypeProvider<TypeBoxTypeProvider>().put(
    '/public/users',
    {
      config: { passwordChange: true, mfaStep: true },
      schema: { body: UpdateUserV1ParamsSchema, response: { 200: WebUserSchema, ...errorResponses } },
    },
    async function updateUserV1(request: FastifyRequest<{ Body: UpdateUserV1Params | undefined }>): Promise<WebUser> {
      const principal = request.actor.principal as Principal;
      const body = request.body ?? {};
      if (!body.sid) throw missingParameters('sid');
      const target = await services.store.getUser(body.sid);
      if (!target) throw notFound('User');
      assertInTenantScope(principal, target);
      const self = target.sid === principal.user.sid;
      const mayModify = principal.privileges.has('PRINCIPAL_MODIFY') && !isUnfinishedWebLogin(principal);
      if (!self && !mayModify) throw missingPrivilege('PRINCIPAL_MODIFY');
      const changes = profileChanges(body, await readLoginProfile(services, target.sid));
      if (Object.keys(changes).length > 0 && !mayModify) throw missingPrivilege('PRINCIPAL_MODIFY');

      let user = target;
      if (body.password) {
        const changed = await checkNewPassword(services, request.actor, target, {
          ...body,
          password: body.password,
          self,
        });
        const patch = { ...changed, lastUpdatedTimeMsecs: changed.passwordChangedTimeMsecs };
        user = (await updateUserRevokingCredentials(services.store, target.sid, patch)) ?? target;
      }
      if (Object.keys(changes).length > 0) {
        await updateLoginProfile(services, target.sid, (profile) => ({ ...profile, ...changes }));
      }
      await audit(services, request.actor, {
        action: 'user.update',
        outcome: 'success',
        target: target.sid,
        details: {
          fields: [...(body.password ? ['password'] : []), ...Object.keys(changes)],
          credentialsRevoked: !!body.password,
        },
      });
      return toWebUser(services, user);
    },
  );
}

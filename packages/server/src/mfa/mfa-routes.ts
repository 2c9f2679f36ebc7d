import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  type CreateAccessTokenRequestParams,
  CreateAccessTokenRequestParamsSchema,
  type CreateTotpKeyRequestBody,
  CreateTotpKeyRequestBodySchema,
  type MfaConfigInfo,
  MfaConfigInfoSchema,
  type TotpKeyInfo,
  TotpKeyInfoSchema,
  type UpdateMfaConfig,
  UpdateMfaConfigSchema,
} from 'cohesity-sdk/models';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { audit } from '../audit.js';
import { loginWithPassword } from '../auth/login.js';
import { loginRoute } from '../auth/login-route.js';
import type { Principal } from '../auth/principal.js';
import { requirePrivilege } from '../auth/privileges.js';
import { conflict } from '../errors.js';
import { noBodyAsEmptyObject } from '../http/json-body.js';
import { errorResponses as errors } from '../routes/route-schemas.js';
import type { Services } from '../services.js';
import { CLUSTER_WIDE } from '../tenants/tenant-isolation.js';
import { sendEmailOtp } from './email-otp.js';
import { readLoginProfile } from './login-profile.js';
import { mfaConfig } from './mfa-config.js';
import { enrolTotp } from './totp.js';

/** `/v2/mfa-config`, `/v2/totp-key`, `/v2/send-email-otp`, `/v2/email-otp` (login flows §3). */
export async function mfaRoutes(app: FastifyInstance, services: Services) {
  const routes = app.withTypeProvider<TypeBoxTypeProvider>();

  // The project's choice of privileges: reading is CLUSTER_VIEW, changing CLUSTER_MODIFY.
  routes.get(
    '/mfa-config',
    { preHandler: requirePrivilege('CLUSTER_VIEW'), schema: { response: { 200: MfaConfigInfoSchema, ...errors } } },
    async function getMfaConfig(): Promise<MfaConfigInfo> {
      return mfaConfig(services);
    },
  );

  routes.put(
    '/mfa-config',
    {
      preHandler: requirePrivilege('CLUSTER_MODIFY'),
      config: CLUSTER_WIDE,
      schema: { body: UpdateMfaConfigSchema, response: errors },
    },
    async function updateMfaConfig(request: FastifyRequest<{ Body: UpdateMfaConfig }>, reply) {
      const before = await mfaConfig(services);
      const { enabled, authenticationTypes, retainUserMfaSettings } = request.body;
      const after: MfaConfigInfo = {
        enabled: enabled ?? before.enabled,
        authenticationTypes: authenticationTypes ?? before.authenticationTypes,
        retainUserMfaSettings: retainUserMfaSettings ?? before.retainUserMfaSettings,
      };
      await services.store.putSetting('mfaConfig', after);
      await audit(services, request.actor, {
        action: 'mfaConfig.update',
        outcome: 'success',
        target: 'mfaConfig',
        details: { before, after },
      });
      reply.code(204);
    },
  );

  routes.post(
    '/totp-key',
    {
      config: { mfaStep: true },
      // cohesity-api.ps1 sends `{}`; other clients may send nothing at all.
      preValidation: noBodyAsEmptyObject,
      schema: { body: CreateTotpKeyRequestBodySchema, response: { 201: TotpKeyInfoSchema, ...errors } },
    },
    async function createTotpKey(
      request: FastifyRequest<{ Body: CreateTotpKeyRequestBody | undefined }>,
      reply,
    ): Promise<TotpKeyInfo> {
      const { user, session } = request.actor.principal as Principal;
      // Before the code is verified, only a user with no working method may enrol: otherwise
      // a password alone could swap in the attacker's key and pass MFA.
      if (session?.web?.mfaPending) {
        const profile = await readLoginProfile(services, user.sid);
        if (profile.totp?.verified || profile.emailVerified) {
          throw conflict('The user already has an MFA method: verify a code before enrolling a new key');
        }
      }
      const key = await enrolTotp(services, user, request.body?.totpKeyName);
      await audit(services, request.actor, { action: 'mfa.totpKey.create', outcome: 'success', target: user.sid });
      reply.code(201);
      return key;
    },
  );

  // pyhesity and cohesity-api.ps1 send no body, with `content-type: application/json`.
  routes.post(
    '/send-email-otp',
    { config: { mfaStep: true }, schema: { response: errors } },
    async function sendEmailOtpToSessionUser(request, reply) {
      const { user } = request.actor.principal as Principal;
      await sendEmailOtp(services, request.log, user);
      await audit(services, request.actor, { action: 'mfa.email.send', outcome: 'success', target: user.sid });
      reply.code(204);
    },
  );

  // Before any login (PowerShell module): the password proves who asks for the code.
  routes.post(
    '/email-otp',
    loginRoute(CreateAccessTokenRequestParamsSchema, {}),
    async function sendEmailOtpBeforeLogin(request: FastifyRequest<{ Body: CreateAccessTokenRequestParams }>, reply) {
      const user = await loginWithPassword(services, request.actor, request.body);
      await sendEmailOtp(services, request.log, user);
      await audit(services, request.actor, { action: 'mfa.email.send', outcome: 'success', target: user.sid });
      reply.code(204);
    },
  );
}

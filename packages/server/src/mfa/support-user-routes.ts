import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  SupportMfaConfigInfoSchema,
  UpdateMfaResultSchema,
  type UpdateSupportMfaConfig,
  UpdateSupportMfaConfigSchema,
  type VerifyTotpRequest,
  VerifyTotpRequestSchema,
  VerifyTotpResultSchema,
} from 'cohesity-sdk/models';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { audit } from '../audit.js';
import { requirePrivilege } from '../auth/privileges.js';
import { noBodyAsEmptyObject } from '../http/json-body.js';
import { errorResponses as errors } from '../routes/route-schemas.js';
import type { Services } from '../services.js';
import { CLUSTER_WIDE } from '../tenants/tenant-isolation.js';
import { sendSupportEmailOtp, supportMfaInfo, updateSupportMfa, verifySupportTotp } from './support-user-mfa.js';

const TARGET = 'support-user';

/**
 * `/v2/support-user/mfa`, `/v2/support-user/send-email-otp`, `/v2/support-user/verify-totp`
 * (login flows §3.8): reading needs CLUSTER_VIEW, everything else CLUSTER_MODIFY (the
 * developer docs name it for the PATCH; the other two act on the same setup).
 */
export async function supportUserRoutes(app: FastifyInstance, services: Services) {
  const routes = app.withTypeProvider<TypeBoxTypeProvider>();

  routes.get(
    '/support-user/mfa',
    {
      preHandler: requirePrivilege('CLUSTER_VIEW'),
      config: CLUSTER_WIDE,
      schema: { response: { 200: SupportMfaConfigInfoSchema, ...errors } },
    },
    async function getSupportMfaConfig() {
      return supportMfaInfo(services);
    },
  );

  routes.patch(
    '/support-user/mfa',
    {
      preHandler: requirePrivilege('CLUSTER_MODIFY'),
      config: CLUSTER_WIDE,
      schema: { body: UpdateSupportMfaConfigSchema, response: { 200: UpdateMfaResultSchema, ...errors } },
    },
    async function updateSupportMfaConfig(request: FastifyRequest<{ Body: UpdateSupportMfaConfig }>) {
      const result = await updateSupportMfa(services, request.body);
      const { enabled, mfaType, otpVerificationState } = result;
      await audit(services, request.actor, {
        action: 'supportUser.mfa.update',
        outcome: 'success',
        target: TARGET,
        details: { enabled, mfaType, otpVerificationState, newTotpKey: result.totpSecretKey !== '' },
      });
      return result;
    },
  );

  // Bodiless, like `/v2/send-email-otp` (clients send `content-type: application/json` anyway).
  routes.post(
    '/support-user/send-email-otp',
    { preHandler: requirePrivilege('CLUSTER_MODIFY'), config: CLUSTER_WIDE, schema: { response: errors } },
    async function sendSupportEmailOtpRoute(request, reply) {
      await sendSupportEmailOtp(services, request.log);
      await audit(services, request.actor, {
        action: 'supportUser.mfa.email.send',
        outcome: 'success',
        target: TARGET,
      });
      reply.code(204);
    },
  );

  routes.post(
    '/support-user/verify-totp',
    {
      preHandler: requirePrivilege('CLUSTER_MODIFY'),
      config: CLUSTER_WIDE,
      preValidation: noBodyAsEmptyObject,
      schema: { body: VerifyTotpRequestSchema, response: { 200: VerifyTotpResultSchema, ...errors } },
    },
    async function verifySupportUserTotp(request: FastifyRequest<{ Body: VerifyTotpRequest | undefined }>) {
      const { success, state } = await verifySupportTotp(services, request.body?.totpCode ?? '');
      await audit(services, request.actor, {
        action: 'supportUser.mfa.verify',
        outcome: success ? 'success' : 'failure',
        target: TARGET,
        details: { otpVerificationState: state },
      });
      return { success, message: success ? 'The TOTP code is verified' : 'The TOTP code is not valid' };
    },
  );
}

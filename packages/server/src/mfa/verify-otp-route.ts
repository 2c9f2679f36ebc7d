import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { type SessionUser, SessionUserSchema, type VerifyOtpParams, VerifyOtpParamsSchema } from 'cohesity-sdk/models';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Principal } from '../auth/principal.js';
import { errorResponses } from '../routes/route-schemas.js';
import type { Services } from '../services.js';
import { toSessionUser } from '../web-login/session-user.js';
import { replaceWebSession } from '../web-login/web-session.js';
import { mfaMethodsFor } from './mfa-config.js';
import { checkOtpCode } from './second-factor.js';

/**
 * v1 `POST /public/verify-otp` after a web login (login flows §3.5): a right code signs the
 * same cookie in fully and answers 200 `SessionUser`; a wrong one 400 `KValidationError`.
 */
export async function verifyOtpRoute(app: FastifyInstance, services: Services) {
  app.withTypeProvider<TypeBoxTypeProvider>().post(
    '/public/verify-otp',
    {
      config: { mfaStep: true },
      schema: { body: VerifyOtpParamsSchema, response: { 200: SessionUserSchema, ...errorResponses } },
    },
    async function verifyOtp(request: FastifyRequest<{ Body: VerifyOtpParams | undefined }>): Promise<SessionUser> {
      const { user, session } = request.actor.principal as Principal;
      const methods = await mfaMethodsFor(services, user);
      if (methods !== null) {
        // A lockout ends the waiting session too: it may not go on guessing.
        await checkOtpCode(services, request.actor, user, methods, request.body ?? {}, async () => {
          if (session) await services.store.deleteSession(session.idHash);
        });
      }
      const web = session?.web;
      if (session && web?.mfaPending) {
        await replaceWebSession(services, session.idHash, web, { ...web, mfaPending: false });
      }
      return toSessionUser(services, user);
    },
  );
}

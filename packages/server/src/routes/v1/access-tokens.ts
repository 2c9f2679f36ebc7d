import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.js';
import { createAccessTokenHandler, createAccessTokenRoute } from '../v2/access-tokens.js';

/** v1 login; `otpType`/`otpCode` are checked for MFA users (login flows §3.6), ignored for others. */
export async function accessTokenV1Routes(app: FastifyInstance, services: Services) {
  app.post('/public/accessTokens', createAccessTokenRoute, createAccessTokenHandler(services));
}

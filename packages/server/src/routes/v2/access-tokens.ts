import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  AccessTokenResponseSchema,
  type CreateAccessTokenRequestParams,
  CreateAccessTokenRequestParamsSchema,
} from 'cohesity-sdk/models';
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteShorthandOptions } from 'fastify';
import { issueAccessToken } from '../../auth/issue-access-token.js';
import { loginWithPassword } from '../../auth/login.js';
import { inlineSecondFactor } from '../../mfa/second-factor.js';
import type { Services } from '../../services.js';
import { refuseOtherLoginMode } from '../../session-management/session-mode.js';
import { errorResponses } from '../route-schemas.js';

/** `POST …/access-tokens` (v2) and `…/public/accessTokens` (v1) take and answer the same. */
export const createAccessTokenRoute = {
  config: { public: true, login: true },
  schema: {
    body: CreateAccessTokenRequestParamsSchema,
    response: { 201: AccessTokenResponseSchema, ...errorResponses },
  },
} satisfies RouteShorthandOptions;

export function createAccessTokenHandler(services: Services) {
  // Credential headers sent along are ignored: the Python SDK re-sends its stale one on re-login.
  return async function createAccessToken(
    request: FastifyRequest<{ Body: CreateAccessTokenRequestParams }>,
    reply: FastifyReply,
  ) {
    await refuseOtherLoginMode(services, false);
    const user = await loginWithPassword(services, request.actor, request.body, {
      secondFactor: inlineSecondFactor(services, request.actor, request.body),
    });
    reply.code(201);
    return issueAccessToken(services, user);
  };
}

export async function accessTokenRoutes(app: FastifyInstance, services: Services) {
  app
    .withTypeProvider<TypeBoxTypeProvider>()
    .post('/access-tokens', createAccessTokenRoute, createAccessTokenHandler(services));
}

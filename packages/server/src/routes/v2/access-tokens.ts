import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  AccessTokenResponseSchema,
  type CreateAccessTokenRequestParams,
  CreateAccessTokenRequestParamsSchema,
} from 'cohesity-sdk/models';
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteShorthandOptions } from 'fastify';
import { issueAccessToken } from '../../auth/issue-access-token.js';
import { apiLogin, loginRoute } from '../../auth/login-route.js';
import type { Services } from '../../services.js';

/** `POST …/access-tokens` (v2) and `…/public/accessTokens` (v1) take and answer the same. */
export const createAccessTokenRoute = loginRoute(CreateAccessTokenRequestParamsSchema, {
  201: AccessTokenResponseSchema,
}) satisfies RouteShorthandOptions;

export function createAccessTokenHandler(services: Services) {
  // Credential headers sent along are ignored: the Python SDK re-sends its stale one on re-login.
  return async function createAccessToken(
    request: FastifyRequest<{ Body: CreateAccessTokenRequestParams }>,
    reply: FastifyReply,
  ) {
    const user = await apiLogin(services, request.actor, request.body, 'token');
    reply.code(201);
    return issueAccessToken(services, user);
  };
}

export async function accessTokenRoutes(app: FastifyInstance, services: Services) {
  app
    .withTypeProvider<TypeBoxTypeProvider>()
    .post('/access-tokens', createAccessTokenRoute, createAccessTokenHandler(services));
}

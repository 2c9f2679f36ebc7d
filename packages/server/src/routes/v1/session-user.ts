import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  type SessionUserPreferences,
  SessionUserPreferencesSchema,
  type SessionUserV1,
  SessionUserV1Schema,
} from 'cohesity-sdk/models';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Principal } from '../../auth/principal.js';
import { tenantOf } from '../../tenants/tenant-scope.js';
import { toUserV1 } from './users.js';

/** The caller, as v1 shows them. Clients call `preferences` to check that an API key works. */
export async function sessionUserV1Routes(app: FastifyInstance) {
  const routes = app.withTypeProvider<TypeBoxTypeProvider>();

  routes.get(
    '/public/sessionUser',
    { schema: { response: { 200: SessionUserV1Schema } } },
    async function getSessionUser(request: FastifyRequest): Promise<SessionUserV1> {
      const { user, privileges } = request.actor.principal as Principal;
      const tenantId = tenantOf(request.actor.principal as Principal);
      return { ...toUserV1(user), privileges: [...privileges], ...(tenantId === null ? {} : { tenantId }) };
    },
  );

  routes.get(
    '/public/sessionUser/preferences',
    { schema: { response: { 200: SessionUserPreferencesSchema } } },
    async function getSessionUserPreferences(): Promise<SessionUserPreferences> {
      return { preferences: { locale: 'en-us' } };
    },
  );
}

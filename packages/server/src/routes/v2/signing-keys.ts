import type { FastifyInstance, FastifyRequest } from 'fastify';
import { type Static, Type } from 'typebox';
import { audit } from '../../audit.js';
import { requirePrivilege } from '../../auth/privileges.js';
import type { Services } from '../../services.js';
import { errorResponses } from '../route-schemas.js';

/** Not a cluster API: this server's own, for operators (`cohesity signing-keys rotate`). */
const RotatedSigningKeySchema = Type.Object({ kid: Type.String(), createdTimeMsecs: Type.Integer() });
type RotatedSigningKey = Static<typeof RotatedSigningKeySchema>;

/**
 * `POST /v2/signing-keys/rotate`: new tokens are signed by a new key from now on, on every
 * node within a minute; tokens signed by older keys stay valid until they expire.
 */
export async function signingKeyRoutes(app: FastifyInstance, services: Services) {
  app.post(
    '/signing-keys/rotate',
    {
      preHandler: requirePrivilege('CLUSTER_MODIFY'),
      schema: { response: { 200: RotatedSigningKeySchema, ...errorResponses } },
    },
    async function rotateSigningKey(request: FastifyRequest): Promise<RotatedSigningKey> {
      const key = await services.tokens.rotate(services.now());
      await audit(services, request.actor, { action: 'signingKey.rotate', outcome: 'success', target: key.kid });
      return { kid: key.kid, createdTimeMsecs: key.createdTimeMsecs };
    },
  );
}

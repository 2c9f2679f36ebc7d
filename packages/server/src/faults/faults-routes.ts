import { setTimeout as sleep } from 'node:timers/promises';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  type AdvanceClockRequest,
  AdvanceClockRequestSchema,
  CredentialKinds,
  type ExpireCredentialsRequest,
  ExpireCredentialsRequestSchema,
  ExpireCredentialsResultSchema,
  FaultModesSchema,
  FaultsStateSchema,
  type InjectRequestFaultRequest,
  InjectRequestFaultRequestSchema,
  RequestFaultSchema,
  type UpdateFaultModes,
  UpdateFaultModesSchema,
} from 'cohesity-sdk/models';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { audit } from '../audit.js';
import { requirePrivilege } from '../auth/privileges.js';
import { invalidRequest, notFound } from '../errors.js';
import { errorResponses } from '../routes/route-schemas.js';
import type { Services } from '../services.js';
import { expireApiKeys } from './expire-api-keys.js';
import { readModes, writeModes } from './fault-modes.js';
import { describeScope, resolveScope } from './fault-scope.js';
import type { FaultState } from './fault-state.js';

export const FAULTS_PREFIX = '/_stand-in/faults';

/**
 * The fault-injection API: administrators only (CLUSTER_MODIFY), every change audited, off
 * the cluster's own paths so that no real client reaches it by accident.
 */
export async function faultsRoutes(
  app: FastifyInstance,
  { services, state }: { services: Services; state: FaultState },
) {
  const routes = app.withTypeProvider<TypeBoxTypeProvider>();
  const config = { faultExempt: true };
  const preHandler = requirePrivilege('CLUSTER_MODIFY');
  const recordChange = (request: FastifyRequest, action: string, details: Record<string, unknown>) =>
    audit(services, request.actor, { action: `fault.${action}`, outcome: 'success', target: 'faults', details });

  routes.get(
    '/',
    { config, preHandler, schema: { response: { 200: FaultsStateSchema, ...errorResponses } } },
    async function getFaults() {
      return state.describe(await readModes(services));
    },
  );

  routes.delete('/', { config, preHandler }, async function resetFaults(request, reply) {
    const modes = state.reset();
    if (modes) await writeModes(services, modes);
    await recordChange(request, 'reset', {});
    reply.code(204);
  });

  routes.post(
    '/expire',
    {
      config,
      preHandler,
      schema: {
        body: ExpireCredentialsRequestSchema,
        response: { 200: ExpireCredentialsResultSchema, ...errorResponses },
      },
    },
    async function expireCredentials(request: FastifyRequest<{ Body: ExpireCredentialsRequest }>) {
      const scope = await resolveScope(services.store, request.body);
      if (scope.kind === 'route') throw invalidRequest('Credentials expire for all, a user or one credential');
      const kinds = request.body.kinds ?? [...CredentialKinds];
      const atMsecs = services.now();
      state.expiries.push({ scope, kinds, atMsecs });
      const apiKeysExpired = kinds.includes('apiKeys') ? await expireApiKeys(services.store, scope, atMsecs) : 0;
      await recordChange(request, 'expire', { scope: describeScope(scope), kinds, apiKeysExpired });
      // Tokens carry their issue time in whole seconds: answer in the next second, so that no
      // token issued after this answer can be taken for one issued before it.
      if (kinds.includes('tokens')) await sleep(1001 - (services.now() % 1000));
      return { atMsecs, kinds, apiKeysExpired };
    },
  );

  routes.post(
    '/requests',
    {
      config,
      preHandler,
      schema: { body: InjectRequestFaultRequestSchema, response: { 201: RequestFaultSchema, ...errorResponses } },
    },
    async function injectRequestFault(request: FastifyRequest<{ Body: InjectRequestFaultRequest }>, reply) {
      const { answer, count, share, latencyMsecs = 0, retryAfterSeconds = 1 } = request.body;
      if (answer === 'delay' && latencyMsecs === 0) throw invalidRequest('A delay needs latencyMsecs');
      const scope = await resolveScope(services.store, request.body);
      const rule = state.addRequestFault({
        scope,
        answer,
        remaining: count ?? (share === undefined ? 1 : null),
        share: share ?? null,
        latencyMsecs,
        retryAfterSeconds,
      });
      await recordChange(request, 'inject', { id: rule.id, scope: describeScope(scope), answer, count, share });
      reply.code(201);
      return { ...rule, scope: describeScope(scope) };
    },
  );

  routes.delete(
    '/requests/:id',
    { config, preHandler, schema: { params: Type.Object({ id: Type.String({ maxLength: 64 }) }) } },
    async function removeRequestFault(request: FastifyRequest<{ Params: { id: string } }>, reply) {
      if (!state.removeRequestFault(request.params.id)) throw notFound(`Fault ${request.params.id}`);
      await recordChange(request, 'remove', { id: request.params.id });
      reply.code(204);
    },
  );

  routes.put(
    '/modes',
    {
      config,
      preHandler,
      schema: { body: UpdateFaultModesSchema, response: { 200: FaultModesSchema, ...errorResponses } },
    },
    async function updateModes(request: FastifyRequest<{ Body: UpdateFaultModes }>) {
      const before = await readModes(services);
      state.modesBefore ??= before;
      const modes = { ...before, ...request.body };
      await writeModes(services, modes);
      await recordChange(request, 'modes', { before, after: modes });
      return modes;
    },
  );

  routes.post(
    '/clock',
    { config, preHandler, schema: { body: AdvanceClockRequestSchema } },
    async function advanceClock(request: FastifyRequest<{ Body: AdvanceClockRequest }>) {
      state.clock.advance(request.body.advanceMsecs);
      await recordChange(request, 'clock', { advanceMsecs: request.body.advanceMsecs });
      return { nowMsecs: state.clock.now(), offsetMsecs: state.clock.offsetMsecs };
    },
  );
}

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { audit } from '../audit.js';
import { requirePrivilege } from '../auth/privileges.js';
import type { KnownRoutes } from '../http/method-not-allowed.js';
import type { Services } from '../services.js';
import { resourceScope } from '../tenants/resource-scope.js';
import { behaviourFor } from './behaviours.js';
import { type Answer, withScope } from './cluster-api-context.js';
import { answerGenerically, requireParents } from './generic-handler.js';
import type { FoundOperation } from './operation-router.js';
import { privilegeFor } from './privilege-table.js';
import { validateRequest } from './request-validation.js';
import { isObject } from './response-shape.js';
import { API_PREFIXES, type Operation } from './spec.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The cluster operation a catch-all route answers (src/cluster-api). */
    clusterOperation: FoundOperation | null;
  }
}

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

const privilegeChecks = new WeakMap<Operation, ReturnType<typeof requirePrivilege>>();
/** The operation's privilege check: the one every hand-written route uses, made once. */
function privilegeCheck(operation: Operation) {
  let check = privilegeChecks.get(operation);
  if (check === undefined) {
    check = requirePrivilege(privilegeFor(operation));
    privilegeChecks.set(operation, check);
  }
  return check;
}

/**
 * Whether the request reached a catch-all of the cluster API for a path that no operation
 * has: like any unknown path, it is not authenticated, its body is not parsed (its size
 * still is), and it answers 404 (405 when the path has other methods).
 */
export const answersNoOperation = (request: FastifyRequest): boolean =>
  request.routeOptions.config.anyPath === true && request.clusterOperation === null;

/**
 * Finds the operation of each request under /v2 and /irisservices/api/v1, before
 * authentication. A documented literal path that a hand-written route with parameters took
 * (`/v2/tenants/swift` under `/v2/tenants/:id`) is the operation's too: it is answered
 * before that route validates anything.
 */
export function findClusterOperations(app: FastifyInstance, services: Services, known: KnownRoutes): void {
  const ctx = services.clusterApi;
  ctx.knownRoutes = known;
  app.decorateRequest('clusterOperation', null);
  // Callback hooks: every request runs them, and a promise would cost more than the lookup.
  app.addHook('onRequest', function findClusterOperation(request, _reply, done) {
    const path = () => request.url.split('?')[0] ?? '/';
    if (request.routeOptions.config.anyPath) request.clusterOperation = ctx.router.find(request.method, path()) ?? null;
    else if (request.routeOptions.url?.includes(':') && ctx.router.shadowing.has(request.routeOptions.url))
      request.clusterOperation = ctx.router.shadowed(request.method, path()) ?? null;
    done();
  });
  app.addHook('preValidation', function answerShadowedOperation(request, reply, done) {
    if (request.clusterOperation === null || request.routeOptions.config.anyPath) return done();
    answerClusterOperation(services, request, reply).catch(done);
  });
}

/**
 * Every change made through the cluster API, in the audit log like any other change: the
 * operation, and the record's id (from the answer, or the path). While impersonating, the
 * line carries both identities (see audit.ts).
 */
async function auditWrite(
  services: Services,
  request: FastifyRequest,
  operation: Operation,
  params: Readonly<Record<string, string | undefined>>,
  answer: Answer,
): Promise<void> {
  const answered = isObject(answer.body) ? answer.body.id : undefined;
  const target = answered ?? Object.values(params).at(-1);
  await audit(services, request.actor, {
    action: `cluster.${operation.operationId}`,
    outcome: 'success',
    target: target === undefined ? null : String(target),
    details: { operation: `${operation.method} ${operation.url}` },
  });
}

async function answerClusterOperation(services: Services, request: FastifyRequest, reply: FastifyReply) {
  const ctx = services.clusterApi;
  const found = request.clusterOperation;
  if (!found) {
    const { error, allow } = ctx.router.refusal(request.method, request.url.split('?')[0] ?? '/');
    if (allow) reply.header('allow', allow);
    throw error;
  }
  const { operation } = found;
  const check = privilegeCheck(operation);
  await new Promise<void>((resolve, reject) => check(request, reply, (error) => (error ? reject(error) : resolve())));
  const valid = validateRequest(operation, ctx.validators, {
    params: found.params,
    query: request.query,
    body: request.body,
    headers: request.headers,
  });
  const behaviour = behaviourFor(operation);
  const settings = ctx.classified.get(operation)?.kind === 'settings';
  const scoped = withScope(ctx, resourceScope(request.actor.principal, operation, valid.params, settings));
  // Another tenant's parent is no parent (404), as its records are none.
  await requireParents(scoped, operation, valid.params);
  const answer = behaviour
    ? await behaviour(scoped, operation, valid)
    : await answerGenerically(scoped, operation, valid);
  if (operation.method !== 'GET') await auditWrite(services, request, operation, found.params, answer);
  reply.code(answer.status);
  if (answer.status === 302) reply.header('location', '/');
  if (answer.body === undefined) return reply.send();
  return reply.type('application/json; charset=utf-8').send(JSON.stringify(answer.body));
}

/**
 * Answers every operation of both documents that no hand-written route answers, through one
 * catch-all route per version: 836 Fastify routes would double the start-up time, and the
 * documents are read on the first request instead. Hand-written routes match first (Fastify
 * tries wildcards last). The authenticate hook guards these like any route.
 */
export async function registerClusterApi(app: FastifyInstance, services: Services) {
  await app.register(async function clusterApiRoutes(child) {
    // File uploads keep their bytes (every other body is JSON, whatever its type).
    child.addContentTypeParser('multipart/form-data', { parseAs: 'buffer' }, (_request, body, done) =>
      done(null, body),
    );
    for (const prefix of Object.values(API_PREFIXES)) {
      child.route({
        method: METHODS,
        url: `${prefix}/*`,
        config: { anyPath: true },
        exposeHeadRoute: false,
        handler: (request, reply) => answerClusterOperation(services, request, reply),
      });
    }
  });
}

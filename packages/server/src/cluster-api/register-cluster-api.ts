import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { requirePrivilege } from '../auth/privileges.js';
import { behaviourFor } from './behaviours.js';
import type { ClusterApiContext } from './cluster-api-context.js';
import { answerGenerically } from './generic-handler.js';
import { privilegeFor } from './privilege-table.js';
import { validateRequest } from './request-validation.js';
import type { Operation } from './spec.js';

/** The operations the hand-written routes already answer (they take precedence). */
export function handWrittenOperations(app: FastifyInstance, operations: readonly Operation[]): Set<Operation> {
  return new Set(operations.filter((op) => app.hasRoute({ method: op.method, url: op.url })));
}

function routeFor(ctx: ClusterApiContext, operation: Operation) {
  const behaviour = behaviourFor(operation);
  return {
    method: operation.method,
    url: operation.url,
    config: { operationId: operation.operationId },
    preHandler: requirePrivilege(privilegeFor(operation)),
    handler: async function answerClusterOperation(request: FastifyRequest, reply: FastifyReply) {
      const valid = validateRequest(operation, ctx.validators, request as Parameters<typeof validateRequest>[2]);
      const answer = behaviour
        ? await behaviour(ctx, operation, valid)
        : await answerGenerically(ctx, operation, valid);
      reply.code(answer.status);
      if (answer.status === 302) reply.header('location', '/');
      if (answer.body === undefined) return reply.send();
      return reply.type('application/json; charset=utf-8').send(JSON.stringify(answer.body));
    },
  };
}

/**
 * Routes every operation of both documents that no hand-written route answers. The
 * authenticate hook guards them like any route; each needs its tag's privilege.
 * `find-my-way` matches literal segments before parameters, which settles the documents'
 * ambiguous path pairs (`/disks/remote/{id}` before `/disks/{id}/remove`).
 */
export async function registerClusterApi(app: FastifyInstance, ctx: ClusterApiContext): Promise<void> {
  const skip = handWrittenOperations(app, ctx.spec.operations);
  const operations = ctx.spec.operations.filter((op) => !skip.has(op));
  for (const op of operations) ctx.genericOperations.add(`${op.version} ${op.operationId}`);
  for (const operation of operations.filter((op) => !op.body?.multipart)) app.route(routeFor(ctx, operation));
  // File uploads: the body is kept as bytes (every other body is JSON, whatever its type).
  await app.register(async function multipartOperations(child) {
    child.addContentTypeParser('multipart/form-data', { parseAs: 'buffer' }, (_request, body, done) =>
      done(null, body),
    );
    for (const operation of operations.filter((op) => op.body?.multipart)) child.route(routeFor(ctx, operation));
  });
}

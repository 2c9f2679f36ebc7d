import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';

/**
 * A request hook (onRequest, preValidation, preHandler) for a rule that concerns few
 * requests: `applies` is tested synchronously, and only where it holds does `run`, which may
 * await, cost a promise. An async hook costs a promise and a microtask hop on every request.
 */
export function hookWhere(
  applies: (request: FastifyRequest) => boolean,
  run: (request: FastifyRequest, reply: FastifyReply) => Promise<void>,
) {
  return (request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction) => {
    if (!applies(request)) return done();
    run(request, reply).then(() => done(), done);
  };
}

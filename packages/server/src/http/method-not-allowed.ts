import type { FastifyInstance } from 'fastify';
import FindMyWay, { type HTTPMethod } from 'find-my-way';
import { ApiError } from '../errors.js';

/**
 * Tells 405 (the path exists, with other methods) from 404 (no such path). Fastify answers
 * both with its not-found handler, so a second router learns every route to tell them apart.
 */
export function answerUnknownRoutes(app: FastifyInstance): void {
  const known = FindMyWay({ ignoreTrailingSlash: true });

  app.addHook('onRoute', (route) => {
    const methods = [route.method].flat().map((m) => m.toUpperCase() as HTTPMethod);
    for (const method of methods) {
      if (method === 'HEAD') continue;
      known.on(method, route.url, () => undefined, { url: route.url });
    }
  });

  app.setNotFoundHandler(async function rejectUnknownRoute(request, reply) {
    const path = request.url.split('?')[0] ?? '/';
    const allowed = (['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const).filter(
      (method) => known.find(method, path) !== null,
    );
    if (allowed.length > 0) {
      reply.header('allow', allowed.join(', '));
      throw new ApiError(
        405,
        'KMethodNotAllowed',
        `Method ${request.method} is not allowed here; use ${allowed.join(', ')}`,
      );
    }
    throw new ApiError(404, 'KNotFound', `No API at ${request.method} ${path}`);
  });
}

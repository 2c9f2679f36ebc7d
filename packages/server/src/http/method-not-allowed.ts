import type { FastifyInstance } from 'fastify';
import FindMyWay, { type HTTPMethod } from 'find-my-way';
import { ApiError } from '../errors.js';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/** Every route the server answers, to tell 405 from 404; the cluster API adds its own. */
export interface KnownRoutes {
  add(method: string, url: string): void;
  /** The pattern of the route that answers `url` (a pattern itself, `:name` and all) for `method`, if one does. */
  routeTaking(method: string, url: string): string | undefined;
  /** Whether a route has exactly the pattern `url` (parameter names aside), not one that takes it. */
  hasExactly(method: string, url: string): boolean;
  /** 405 (the path exists, with other methods, named in `allow`) or 404. */
  refusal(method: string, path: string): { error: ApiError; allow?: string };
}

/**
 * Tells 405 (the path exists, with other methods) from 404 (no such path). Fastify answers
 * both with its not-found handler, so a second router learns every route to tell them apart.
 * Routes marked `config.anyPath` (the cluster API's catch-alls) are not routes of their own.
 */
export function answerUnknownRoutes(app: FastifyInstance): KnownRoutes {
  const known = FindMyWay({ ignoreTrailingSlash: true });
  const add = (method: string, url: string) => known.on(method as HTTPMethod, url, () => undefined, { url });

  app.addHook('onRoute', (route) => {
    if (route.config?.anyPath) return;
    for (const method of [route.method].flat().map((m) => m.toUpperCase()))
      if (method !== 'HEAD') add(method, route.url);
  });

  const refusal = (method: string, path: string) => {
    const allowed = METHODS.filter((m) => known.find(m, path) !== null);
    if (allowed.length === 0) return { error: new ApiError(404, 'KNotFound', `No API at ${method} ${path}`) };
    const allow = allowed.join(', ');
    return {
      error: new ApiError(405, 'KMethodNotAllowed', `Method ${method} is not allowed here; use ${allow}`),
      allow,
    };
  };

  app.setNotFoundHandler(async function rejectUnknownRoute(request, reply) {
    const { error, allow } = refusal(request.method, request.url.split('?')[0] ?? '/');
    if (allow) reply.header('allow', allow);
    throw error;
  });
  return {
    add,
    routeTaking: (method, url) => (known.find(method as HTTPMethod, url)?.store as { url: string } | undefined)?.url,
    hasExactly: (method, url) => known.findRoute(method as HTTPMethod, url) !== null,
    refusal,
  };
}

import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Services } from '../services.js';

/** `GET /healthz` for load balancers: 200 while the database answers, 503 while it doesn't. */
export async function healthRoutes(app: FastifyInstance, services: Services) {
  app.get('/healthz', { config: { public: true } }, async function getHealth(_request, reply: FastifyReply) {
    const databaseUp = await services.store.ping().catch(() => false);
    reply.code(databaseUp ? 200 : 503);
    return {
      status: databaseUp ? 'ok' : 'unavailable',
      database: databaseUp ? 'up' : 'down',
      store: services.store.kind,
    };
  });
}

import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Services } from '../services.js';

/**
 * `GET /healthz`: the process is alive and answering (200 while it runs; restart it if not).
 * `GET /readyz`: it can serve (200 while the database answers, 503 while it doesn't): point
 * load balancers here. Migrations are done by then: the server listens only after them.
 */
export async function healthRoutes(app: FastifyInstance, services: Services) {
  const faults = services.config.faults ? 'on' : 'off';
  app.get('/healthz', { config: { public: true, faultExempt: true } }, async function getHealth() {
    return { status: 'ok', store: services.store.kind, faults };
  });
  app.get(
    '/readyz',
    { config: { public: true, faultExempt: true } },
    async function getReadiness(_request, reply: FastifyReply) {
      const databaseUp = await services.store.ping().catch(() => false);
      reply.code(databaseUp ? 200 : 503);
      return {
        status: databaseUp ? 'ready' : 'unavailable',
        database: databaseUp ? 'up' : 'down',
        migrations: 'done',
        store: services.store.kind,
      };
    },
  );
}

import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { ApiError } from '../errors.js';
import { credentialScheme, rejectionOutcome } from './credential-scheme.js';
import { createMetricsAccessCheck } from './metrics-access.js';
import type { ServerMetrics } from './server-metrics.js';

export interface MetricsPluginOptions {
  metrics: ServerMetrics;
  metricsToken: string | undefined;
}

/** Requests not matched by any route share one label, so unknown URLs add no series. */
const UNMATCHED_ROUTE = 'unmatched';

/**
 * Counts every answer by route pattern and status, and each credential check by scheme and
 * outcome, in one `onResponse`/`onError` each (a map lookup and an increment per request);
 * serves `GET /metrics` in the Prometheus text format.
 */
async function metricsPlugin(app: FastifyInstance, { metrics, metricsToken }: MetricsPluginOptions) {
  // Callback hooks, not async ones: no promise per request.
  app.addHook('onResponse', function countRequest(request, reply, done) {
    metrics.countRequest(request.method, request.routeOptions.url ?? UNMATCHED_ROUTE, reply.statusCode);
    if (request.actor?.principal) metrics.countAuthentication(credentialScheme(request), 'success');
    done();
  });
  app.addHook('onError', function countRejection(request, _reply, error, done) {
    if (error instanceof ApiError && error.statusCode === 401 && !request.routeOptions.config.public) {
      metrics.countAuthentication(credentialScheme(request), rejectionOutcome(error.message));
    }
    done();
  });

  app.get(
    '/metrics',
    { config: { public: true, faultExempt: true }, onRequest: createMetricsAccessCheck(metricsToken) },
    async function getMetrics(_request, reply) {
      reply.header('content-type', metrics.registry.contentType);
      return metrics.registry.metrics();
    },
  );
}

export const useMetrics = fp(metricsPlugin, { name: 'metrics' });

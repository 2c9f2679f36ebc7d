import type { FastifyInstance } from 'fastify';
import { notFound } from '../errors.js';
import type { Services } from '../services.js';

/** Headers Helios clients (and cohesity-api.ps1's `accessCluster`) send to pick a cluster. */
const CLUSTER_HEADERS = ['accessclusterid', 'clusterid'] as const;

/**
 * Login flows §7, the project's rule: a request meant for another cluster (its id in
 * `accessClusterId` or `clusterId`) is answered 404 `KNotFound`; absent or ours, it is
 * served. `regionid` is ignored. This stand-in reaches no remote cluster.
 */
export function refuseOtherClusters(app: FastifyInstance, services: Services): void {
  const ours = String(services.cluster.id);
  // A callback hook: every request runs it, and a promise would cost more than the test.
  app.addHook('onRequest', function refuseOtherCluster(request, _reply, done) {
    for (const name of CLUSTER_HEADERS) {
      const value = request.headers[name];
      if (value !== undefined && [value].flat().some((v) => v.trim() !== ours)) return done(notFound('Cluster'));
    }
    done();
  });
}

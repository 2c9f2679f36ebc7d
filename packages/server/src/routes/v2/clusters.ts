import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { type Cluster, ClusterSchema, type LocalDomainSid, LocalDomainSidSchema } from 'cohesity-sdk/models';
import type { FastifyInstance } from 'fastify';
import { requirePrivilege } from '../../auth/privileges.js';
import { demoClusterFacts } from '../../cluster-api/demo/demo-cluster-facts.js';
import type { Services } from '../../services.js';

/** What a cluster shows of itself right after login. */
export async function clusterRoutes(app: FastifyInstance, services: Services) {
  const routes = app.withTypeProvider<TypeBoxTypeProvider>();

  routes.get(
    '/clusters',
    { preHandler: requirePrivilege('CLUSTER_VIEW'), schema: { response: { 200: ClusterSchema } } },
    async function getCluster(): Promise<Cluster> {
      const { nodeCount } = await demoClusterFacts(services.clusterApi);
      return {
        id: services.cluster.id,
        incarnationId: services.cluster.incarnationId,
        name: services.config.clusterName,
        swVersion: services.config.swVersion,
        type: 'Virtual',
        clusterSize: 'Small',
        nodeCount,
        isClusterMfaEnabled: false,
      };
    },
  );

  routes.get(
    '/clusters/local-domain-sid',
    { preHandler: requirePrivilege('CLUSTER_VIEW'), schema: { response: { 200: LocalDomainSidSchema } } },
    async function getLocalDomainSid(): Promise<LocalDomainSid> {
      return { sid: services.cluster.localDomainSid };
    },
  );
}

import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  type BasicClusterInfo,
  BasicClusterInfoSchema,
  type ClusterV1,
  ClusterV1Schema,
  DEFAULT_DOMAIN,
} from 'cohesity-sdk/models';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { requirePrivilege } from '../../auth/privileges.js';
import { demoClusterFacts } from '../../cluster-api/demo/demo-cluster-facts.js';
import type { Services } from '../../services.js';

/** v1's view of the cluster; `basicClusterInfo` is what clients call before logging in. */
export async function clusterV1Routes(app: FastifyInstance, services: Services) {
  const routes = app.withTypeProvider<TypeBoxTypeProvider>();

  routes.get(
    '/public/basicClusterInfo',
    { config: { public: true }, schema: { response: { 200: BasicClusterInfoSchema } } },
    async function getBasicClusterInfo(): Promise<BasicClusterInfo> {
      return {
        name: services.config.clusterName,
        clusterSoftwareVersion: services.config.swVersion,
        clusterType: 'kVirtualRobo',
        domains: [DEFAULT_DOMAIN],
        authenticationType: 'kPasswordOnly',
        multiTenancyEnabled: false,
        mcmMode: false,
        idpConfigured: false,
        languageLocale: 'en-us',
      };
    },
  );

  routes.get(
    '/public/cluster',
    {
      preHandler: requirePrivilege('CLUSTER_VIEW'),
      // Text, not boolean: the v1 SDK sends Python's `True`.
      schema: {
        querystring: Type.Object({ fetchStats: Type.Optional(Type.String()) }),
        response: { 200: ClusterV1Schema },
      },
    },
    async function getClusterV1(request): Promise<ClusterV1> {
      const demo = await demoClusterFacts(services.clusterApi);
      return {
        id: services.cluster.id,
        incarnationId: services.cluster.incarnationId,
        name: services.config.clusterName,
        clusterSoftwareVersion: services.config.swVersion,
        clusterType: 'kVirtualRobo',
        nodeCount: demo.nodeCount,
        domainNames: [DEFAULT_DOMAIN],
        multiTenancyEnabled: false,
        ...(request.query.fetchStats?.toLowerCase() === 'true' ? { stats: demo.stats(services.cluster.id) } : {}),
      };
    },
  );
}

import { type Static, Type } from 'typebox';

export const ClusterTypes = ['Physical', 'Virtual', 'Cloud', 'Rigel', 'Unknown', 'HeliosOnPremVM'] as const;
export const ClusterSizes = ['Small', 'Medium', 'Large', 'XLarge', 'NextGen'] as const;

/** `GET /v2/clusters`. The newest Python SDK rejects enum values outside these lists. */
export const ClusterSchema = Type.Object({
  id: Type.Integer(),
  incarnationId: Type.Integer(),
  name: Type.String(),
  swVersion: Type.String(),
  type: Type.Enum(ClusterTypes),
  clusterSize: Type.Enum(ClusterSizes),
  nodeCount: Type.Integer(),
  isClusterMfaEnabled: Type.Boolean(),
});
export type Cluster = Static<typeof ClusterSchema>;

/** `GET /v2/clusters/local-domain-sid`. */
export const LocalDomainSidSchema = Type.Object({ sid: Type.String() });
export type LocalDomainSid = Static<typeof LocalDomainSidSchema>;

/** v1 `GET /public/basicClusterInfo`: answered without authentication. */
export const BasicClusterInfoSchema = Type.Object({
  name: Type.String(),
  clusterSoftwareVersion: Type.String(),
  clusterType: Type.String(),
  domains: Type.Array(Type.String()),
  authenticationType: Type.String(),
  multiTenancyEnabled: Type.Boolean(),
  mcmMode: Type.Boolean(),
  idpConfigured: Type.Boolean(),
  languageLocale: Type.String(),
});
export type BasicClusterInfo = Static<typeof BasicClusterInfoSchema>;

/** v1 `GET /public/cluster`. */
export const ClusterV1Schema = Type.Object({
  id: Type.Integer(),
  incarnationId: Type.Integer(),
  name: Type.String(),
  clusterSoftwareVersion: Type.String(),
  clusterType: Type.String(),
  nodeCount: Type.Integer(),
  domainNames: Type.Array(Type.String()),
  multiTenancyEnabled: Type.Boolean(),
  /** With `?fetchStats=true`: the cluster's `ClusterStats` (capacity and usage). */
  stats: Type.Optional(Type.Object({}, { additionalProperties: true })),
});
export type ClusterV1 = Static<typeof ClusterV1Schema>;

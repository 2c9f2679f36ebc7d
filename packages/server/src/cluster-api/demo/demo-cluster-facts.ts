import type { ClusterApiContext } from '../cluster-api-context.js';

/** What the cluster's own pages say of its nodes and capacity, from the stored nodes. */
export async function demoClusterFacts(ctx: ClusterApiContext) {
  const nodes = await ctx.resources.list('nodes');
  const capacity = nodes.reduce((sum, node) => sum + Number(node.document.maxPhysicalCapacityBytes ?? 0), 0);
  const used = Math.round(capacity * 0.23);
  return {
    // A cluster has at least the node answering.
    nodeCount: Math.max(nodes.length, 1),
    stats: (clusterId: number) => ({
      id: clusterId,
      usagePerfStats: {
        physicalCapacityBytes: capacity,
        systemCapacityBytes: capacity,
        totalPhysicalUsageBytes: used,
        totalPhysicalRawUsageBytes: used * 2,
        dataInBytes: used * 4,
        dataInBytesAfterReduction: used,
        minUsablePhysicalCapacityBytes: Math.round(capacity * 0.9),
      },
      logicalStats: { totalLogicalUsageBytes: used * 4 },
      dataReductionRatio: 4,
    }),
  };
}

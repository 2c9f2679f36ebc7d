import type { ClusterApiContext } from '../cluster-api-context.js';
import type { ResourceRecord } from '../store/resource-store.js';

/** What the cluster's own pages say of its nodes and capacity, from the stored nodes (on SQLite, kept in memory until a write). */
export async function demoClusterFacts(ctx: ClusterApiContext) {
  return factsOf(await ctx.resources.list('nodes'));
}

function factsOf(nodes: readonly ResourceRecord[]) {
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

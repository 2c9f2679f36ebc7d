import type { ClusterApiContext } from '../cluster-api-context.js';
import type { ResourceRecord } from '../store/resource-store.js';

type DemoClusterFacts = ReturnType<typeof factsOf>;

// GET /v2/clusters answers with these on every call: read the nodes again only after a write.
const kept = new WeakMap<ClusterApiContext, { writes: number; facts: DemoClusterFacts }>();

/** What the cluster's own pages say of its nodes and capacity, from the stored nodes. */
export async function demoClusterFacts(ctx: ClusterApiContext): Promise<DemoClusterFacts> {
  const writes = ctx.resources.ownWrites();
  const memo = kept.get(ctx);
  if (writes !== undefined && memo?.writes === writes) return memo.facts;
  const facts = factsOf(await ctx.resources.list('nodes'));
  // Kept only when no write overlapped the read.
  if (writes !== undefined && ctx.resources.ownWrites() === writes) kept.set(ctx, { writes, facts });
  return facts;
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

import { describe, expect, it } from 'vitest';
import type { ClusterApiContext } from '../../src/cluster-api/cluster-api-context.js';
import { demoClusterFacts } from '../../src/cluster-api/demo/demo-cluster-facts.js';
import { SqlResources } from '../../src/cluster-api/store/sql-resources.js';
import type { SqlRunner } from '../../src/store/sql/sql-runner.js';

/** An executor whose reads answer `nodes` node rows, counting the reads. */
function fakeExecutor() {
  const state = { nodes: 1, reads: 0 };
  const executor: SqlRunner = {
    async read() {
      state.reads++;
      return Array.from({ length: state.nodes }, (_, i) => ({ id: String(i + 1), document: '{}' }));
    },
    async write() {
      state.nodes++;
      return { rows: [], changes: 1 };
    },
  };
  return { state, executor };
}

const contextOf = (resources: SqlResources) => ({ resources }) as unknown as ClusterApiContext;

describe('demoClusterFacts', () => {
  it('reads the nodes again only after a write, on a store no one else writes', async () => {
    const { state, executor } = fakeExecutor();
    const resources = new SqlResources(executor, true);
    const ctx = contextOf(resources);
    expect((await demoClusterFacts(ctx)).nodeCount).toBe(1);
    expect((await demoClusterFacts(ctx)).nodeCount).toBe(1);
    expect(state.reads).toBe(1);
    await resources.put('nodes', '2', 2, {});
    expect((await demoClusterFacts(ctx)).nodeCount).toBe(2);
    expect(state.reads).toBe(2);
  });

  it('keeps every list until a write, frozen', async () => {
    const { state, executor } = fakeExecutor();
    const resources = new SqlResources(executor, true);
    const first = await resources.list('v2:/data-protect/protection-groups');
    expect(await resources.list('v2:/data-protect/protection-groups')).toBe(first);
    expect(Object.isFrozen(first) && Object.isFrozen(first[0]?.document)).toBe(true);
    expect(state.reads).toBe(1);

    const overlapped = resources.list('v2:/data-protect/policies');
    await resources.put('v2:/data-protect/policies', '9', 9, {});
    await overlapped;
    await resources.list('v2:/data-protect/policies');
    await resources.list('v2:/data-protect/protection-groups');
    expect(state.reads).toBe(4);
  });

  it('reads them on every call where other nodes may write (PostgreSQL)', async () => {
    const { state, executor } = fakeExecutor();
    const ctx = contextOf(new SqlResources(executor));
    await demoClusterFacts(ctx);
    await demoClusterFacts(ctx);
    expect(state.reads).toBe(2);
  });
});

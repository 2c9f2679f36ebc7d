import type { ServerConfig } from '../../config.js';
import { GROUPS, RUNS, type RunDocument } from '../behaviours/protection-runs.js';
import { SOURCES } from '../behaviours/protection-sources.js';
import type { ClusterApiContext } from '../cluster-api-context.js';
import { formatId } from '../record-ids.js';
import {
  DEMO_GROUPS,
  DEMO_NODES,
  DEMO_POLICIES,
  DEMO_RUN_HISTORY,
  DEMO_SOURCES,
  DEMO_STORAGE_DOMAINS,
  DEMO_VIEWS,
  type DemoRecord,
  demoAlerts,
} from './demo-records.js';

const DAY_USECS = 86_400_000_000;
const HOUR_USECS = 3_600_000_000;

/** Stores `records` in order, each under the next number of the collection's counter. */
async function seed(ctx: ClusterApiContext, collection: string, records: readonly DemoRecord[]): Promise<void> {
  for (const record of records) {
    const n = await ctx.resources.nextNumber(collection);
    await ctx.resources.put(collection, String(n), n, record.document);
  }
}

/**
 * Makes the demo cluster on the first start of a database, whichever node gets there
 * first (the counter gives 1 once), unless `emptyCluster`. Runs are dated from the start
 * day at 01:00 UTC, so every record but those times is the same on every machine.
 */
export async function seedDemoCluster(
  ctx: ClusterApiContext,
  config: Pick<ServerConfig, 'clusterName' | 'emptyCluster'>,
): Promise<void> {
  if ((await ctx.resources.nextNumber('first-start')) !== 1 || config.emptyCluster) return;
  const dayUsecs = Math.floor(ctx.now() / 86_400_000) * DAY_USECS;
  await seed(ctx, 'nodes', DEMO_NODES);
  await seed(ctx, 'storage-domains', DEMO_STORAGE_DOMAINS);
  await seed(ctx, 'policies', DEMO_POLICIES);
  await seed(
    ctx,
    SOURCES,
    DEMO_SOURCES.map((source) => ({ n: source.id, document: { ...source } })),
  );
  await seed(
    ctx,
    GROUPS,
    DEMO_GROUPS.map(({ n, document: { policyN, ...document } }) => ({
      n,
      document: { ...document, policyId: formatId(ctx.cluster, { idType: 'string' }, Number(policyN)) },
    })),
  );
  await seed(ctx, 'views', DEMO_VIEWS);
  await seed(ctx, 'alerts', demoAlerts(ctx.cluster.id, config.clusterName, dayUsecs));
  const runs: DemoRecord[] = [];
  for (const group of DEMO_GROUPS) {
    for (const [daysAgo, failed] of DEMO_RUN_HISTORY) {
      const startTimeUsecs = dayUsecs - daysAgo * DAY_USECS + HOUR_USECS + group.n * 600_000_000;
      const run: RunDocument = {
        groupN: group.n,
        runType: 'kRegular',
        startTimeUsecs,
        endTimeUsecs: startTimeUsecs + 900_000_000,
        failed: failed && group.document.environment === 'kPhysical',
      };
      runs.push({ n: runs.length + 1, document: { ...run } });
    }
  }
  await seed(ctx, RUNS, runs);
}

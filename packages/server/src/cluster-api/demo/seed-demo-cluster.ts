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

/**
 * Stores `records` under their own numbers and moves the collection's counter past them.
 * All at once: the store then syncs the file once for many writes, not once for each.
 */
function seed(ctx: ClusterApiContext, collection: string, records: readonly DemoRecord[]): Promise<unknown> {
  return Promise.all([
    ...records.map((record) => ctx.resources.put(collection, String(record.n), record.n, record.document)),
    ...records.map(() => ctx.resources.nextNumber(collection)),
  ]);
}

/** Each group's history: a run at 01:00 UTC (staggered by group) on each of the last days. */
function demoRuns(dayUsecs: number): DemoRecord[] {
  return DEMO_GROUPS.flatMap((group) =>
    DEMO_RUN_HISTORY.map(([daysAgo, failed]) => {
      const startTimeUsecs = dayUsecs - daysAgo * DAY_USECS + HOUR_USECS + group.n * 600_000_000;
      const run: RunDocument = {
        groupN: group.n,
        runType: 'kRegular',
        startTimeUsecs,
        endTimeUsecs: startTimeUsecs + 900_000_000,
        failed: failed && group.document.environment === 'kPhysical',
      };
      return run;
    }),
  ).map((run, i) => ({ n: i + 1, document: { ...run } }));
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
  const groups = DEMO_GROUPS.map(({ n, document: { policyN, ...document } }) => ({
    n,
    document: { ...document, policyId: formatId(ctx.cluster, { idType: 'string' }, Number(policyN)) },
  }));
  await Promise.all([
    seed(ctx, 'nodes', DEMO_NODES),
    seed(ctx, 'storage-domains', DEMO_STORAGE_DOMAINS),
    seed(ctx, 'policies', DEMO_POLICIES),
    seed(
      ctx,
      SOURCES,
      DEMO_SOURCES.map((source) => ({ n: source.id, document: { ...source } })),
    ),
    seed(ctx, GROUPS, groups),
    seed(ctx, 'views', DEMO_VIEWS),
    seed(ctx, 'alerts', demoAlerts(ctx.cluster.id, config.clusterName, dayUsecs)),
    seed(ctx, RUNS, demoRuns(dayUsecs)),
  ]);
}

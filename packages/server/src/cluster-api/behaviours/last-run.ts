import { notFound } from '../../errors.js';
import type { Answer, ClusterApiContext } from '../cluster-api-context.js';
import type { Collection } from '../collections.js';
import { itemView, listViews, pagedListAnswer, shape } from '../generic-handler.js';
import { parseId } from '../record-ids.js';
import type { ValidRequest } from '../request-validation.js';
import type { Operation } from '../spec.js';
import { runsWithGroups, stateAt, v1Run, v2Run } from './protection-runs.js';

/** The flag each version asks the last run with: v2 `includeLastRunInfo`, v1 `includeLastRunAndStats`. */
const wantsLastRun = (op: Operation, request: ValidRequest) =>
  request.params[op.version === 'v2' ? 'includeLastRunInfo' : 'includeLastRunAndStats'] === true;

function collectionOf(ctx: ClusterApiContext, op: Operation): Collection {
  const collection = ctx.classified.get(op)?.collection;
  if (collection === undefined) throw notFound(op.path);
  return collection;
}

/** v1's run totals of a group's finished runs (`summaryStats`). */
function summaryStats(runs: Awaited<ReturnType<typeof runsWithGroups>>, nowUsecs: number) {
  const finished = runs.filter(({ run }) => stateAt(run, nowUsecs) !== 'running');
  const times = finished.map(({ run }) => run.endTimeUsecs - run.startTimeUsecs);
  return {
    numSuccessfulRuns: finished.filter(({ run }) => !run.failed).length,
    numFailedRuns: finished.filter(({ run }) => run.failed).length,
    numCanceledRuns: 0,
    numSlaViolations: 0,
    ...(times.length === 0
      ? {}
      : {
          averageRunTimeUsecs: Math.round(times.reduce((a, b) => a + b, 0) / times.length),
          fastestRunTimeUsecs: Math.min(...times),
          slowestRunTimeUsecs: Math.max(...times),
        }),
  };
}

/** Each group's view with its newest run (`lastRun`), and in v1 its run totals. */
async function withLastRuns(ctx: ClusterApiContext, op: Operation, views: Record<string, unknown>[]) {
  const runs = await runsWithGroups(ctx);
  const nowUsecs = ctx.now() * 1000;
  return views.map((view) => {
    const groupN = parseId(ctx.cluster, view.id);
    const own = runs.filter(({ run }) => run.groupN === groupN);
    const newest = own[0];
    if (newest === undefined) return view;
    const { record, run, group } = newest;
    return op.version === 'v2'
      ? { ...view, lastRun: v2Run(ctx, record, run, group) }
      : { ...view, lastRun: v1Run(ctx, record, run, group), summaryStats: summaryStats(own, nowUsecs) };
  });
}

/** v2 `GET /data-protect/protection-groups` and v1 `GET /public/protectionJobs`, with their last runs when asked. */
export async function listGroups(ctx: ClusterApiContext, op: Operation, request: ValidRequest): Promise<Answer> {
  const views = await listViews(ctx, collectionOf(ctx, op), op, request.params);
  const shown = wantsLastRun(op, request) ? await withLastRuns(ctx, op, views) : views;
  return pagedListAnswer(ctx, op, request.params, shown);
}

/** v2 `GET /data-protect/protection-groups/{id}`, with its last run when asked. */
export async function getGroup(ctx: ClusterApiContext, op: Operation, request: ValidRequest): Promise<Answer> {
  const view = await itemView(ctx, collectionOf(ctx, op), request.params);
  const [shown] = wantsLastRun(op, request) ? await withLastRuns(ctx, op, [view]) : [view];
  return shape(ctx, op, shown);
}

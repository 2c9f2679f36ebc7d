import { notFound } from '../../errors.js';
import type { Answer, ClusterApiContext } from '../cluster-api-context.js';
import { pagedListAnswer } from '../generic-handler.js';
import { formatId } from '../record-ids.js';
import type { ValidRequest } from '../request-validation.js';
import type { Operation } from '../spec.js';
import type { ResourceRecord } from '../store/resource-store.js';
import { GROUPS, type RunState, runsWithGroups, stateAt, v2RunId } from './protection-runs.js';
import { allSources, listed } from './protection-sources.js';

const protects = (group: ResourceRecord, sourceId: number) =>
  listed(group.document.sourceIds)?.includes(sourceId) === true;

const SNAPSHOT_STATUS: Record<RunState, string> = {
  running: 'kInProgress',
  succeeded: 'kSuccessful',
  failed: 'kFailed',
};

/**
 * v2 `GET /data-protect/objects`: the sources that protection groups name (`sourceIds`), each
 * with the groups that protect it, filtered by `ids`, `environments`, `parentId` and
 * `policyIds`, and paged by `maxCount` with the cookie in `paginationInfo`.
 */
export async function listProtectedObjects(
  ctx: ClusterApiContext,
  op: Operation,
  request: ValidRequest,
): Promise<Answer> {
  const sources = await allSources(ctx);
  const ids = listed(request.params.ids);
  const environments = listed(request.params.environments);
  const policyIds = listed(request.params.policyIds);
  const { parentId } = request.params;
  const groups = (await ctx.resources.list(GROUPS)).filter(
    (group) => policyIds === undefined || policyIds.includes(group.document.policyId),
  );
  const views = sources
    .filter(
      (source) =>
        (ids === undefined || ids.includes(source.id)) &&
        (environments === undefined || environments.includes(source.environment)) &&
        (parentId === undefined || source.parentId === parentId),
    )
    .flatMap((source) => {
      const its = groups.filter((group) => protects(group, source.id));
      if (its.length === 0) return [];
      const root = sources.find((s) => s.id === (source.parentId ?? source.id));
      return [
        {
          id: source.id,
          name: source.name,
          environment: source.environment,
          objectType: source.type,
          sourceId: root?.id,
          sourceName: root?.name,
          logicalSizeBytes: source.sizeBytes,
          protectionGroupConfigurations: its.map((group) => ({
            protectionGroupId: formatId(ctx.cluster, { idType: 'string' }, Number(group.id)),
            protectionGroupName: group.document.name,
          })),
        },
      ];
    });
  return pagedListAnswer(ctx, op, request.params, views);
}

/**
 * v2 `GET /data-protect/objects/{id}/runs`: the runs of the groups that protect the object,
 * newest first (`runId` picks one), as the object saw them, paged by `numRuns` with the
 * cookie in `paginationInfo`. An object no source has is 404 `KNotFound`.
 */
export async function listObjectRuns(ctx: ClusterApiContext, op: Operation, request: ValidRequest): Promise<Answer> {
  const objectId = request.params.id;
  if (!(await allSources(ctx)).some((source) => source.id === objectId)) throw notFound(`object ${String(objectId)}`);
  const nowUsecs = ctx.now() * 1000;
  // Each run comes with its group: whether the group protects the object is read off it.
  const runs = (await runsWithGroups(ctx))
    .filter(({ group }) => group !== undefined && protects(group, Number(objectId)))
    .map(({ record, run, group }) => {
      const state = stateAt(run, nowUsecs);
      return {
        runId: v2RunId(record, run),
        runType: run.runType,
        protectionGroupId: formatId(ctx.cluster, { idType: 'string' }, run.groupN),
        protectionGroupName: group?.document.name,
        policyId: group?.document.policyId,
        storageDomainId: group?.document.storageDomainId,
        localSnapshotInfo: {
          snapshotInfo: {
            status: SNAPSHOT_STATUS[state],
            startTimeUsecs: run.startTimeUsecs,
            ...(state === 'running' ? {} : { endTimeUsecs: run.endTimeUsecs }),
          },
        },
      };
    })
    .filter((run) => request.params.runId === undefined || run.runId === request.params.runId);
  return pagedListAnswer(ctx, op, request.params, runs);
}

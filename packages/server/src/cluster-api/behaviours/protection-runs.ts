import { notFound } from '../../errors.js';
import type { Answer, ClusterApiContext } from '../cluster-api-context.js';
import { answerFieldsOf, shape } from '../generic-handler.js';
import { pageOfList } from '../list-paging.js';
import { formatId, parseId } from '../record-ids.js';
import type { ValidRequest } from '../request-validation.js';
import type { Operation } from '../spec.js';
import type { ResourceRecord } from '../store/resource-store.js';

/** Where runs are kept: one list for every group, as both versions list them. */
export const RUNS = 'protection-runs';
export const GROUPS = 'protection-groups';

/** A run as stored: it runs from `startTimeUsecs` until `endTimeUsecs`, then it is done. */
export interface RunDocument {
  groupN: number;
  runType: string;
  startTimeUsecs: number;
  endTimeUsecs: number;
  failed: boolean;
}

export type RunState = 'running' | 'succeeded' | 'failed';

/** A run's v2 id: the run record and its start (v2 `runId`). */
export const v2RunId = (record: ResourceRecord, run: RunDocument) => `${record.id}:${run.startTimeUsecs}`;

export const stateAt = (run: RunDocument, nowUsecs: number): RunState =>
  nowUsecs < run.endTimeUsecs ? 'running' : run.failed ? 'failed' : 'succeeded';

async function groupOf(ctx: ClusterApiContext, id: unknown) {
  const n = parseId(ctx.cluster, id);
  const group = n === undefined ? undefined : await ctx.resources.get(GROUPS, String(n));
  if (!group) throw notFound(`Protection group ${String(id)}`);
  return group;
}

/** Starts a run of `group` now, owned by the group's tenant; it succeeds after `ctx.runMsecs`. */
export async function startRun(ctx: ClusterApiContext, group: ResourceRecord, runType = 'kRegular'): Promise<void> {
  const groupN = Number(group.id);
  const n = await ctx.resources.nextNumber(RUNS);
  const start = ctx.now() * 1000;
  const run: RunDocument = {
    groupN,
    runType,
    startTimeUsecs: start,
    endTimeUsecs: start + ctx.runMsecs * 1000,
    failed: false,
  };
  await ctx.resources.put(RUNS, String(n), n, { ...run }, group.tenantId);
}

/** Every run, newest first, with its group. */
export async function runsWithGroups(ctx: ClusterApiContext, groupN?: number) {
  const groups = new Map((await ctx.resources.list(GROUPS)).map((g) => [Number(g.id), g]));
  return (await ctx.resources.list(RUNS))
    .map((record) => ({ record, run: record.document as unknown as RunDocument }))
    .filter(({ run }) => groupN === undefined || run.groupN === groupN)
    .map(({ record, run }) => ({ record, run, group: groups.get(run.groupN) }))
    .sort((a, b) => b.run.startTimeUsecs - a.run.startTimeUsecs);
}

const V2_STATUS: Record<RunState, string> = { running: 'Running', succeeded: 'Succeeded', failed: 'Failed' };
const V1_STATUS: Record<RunState, string> = { running: 'kRunning', succeeded: 'kSuccess', failed: 'kFailure' };

export function v2Run(
  ctx: ClusterApiContext,
  record: ResourceRecord,
  run: RunDocument,
  group: ResourceRecord | undefined,
) {
  const state = stateAt(run, ctx.now() * 1000);
  return {
    id: v2RunId(record, run),
    protectionGroupInstanceId: Number(record.id),
    protectionGroupId: formatId(ctx.cluster, { idType: 'string' }, run.groupN),
    protectionGroupName: group?.document.name,
    environment: group?.document.environment,
    isReplicationRun: false,
    hasLocalSnapshot: state === 'succeeded',
    localBackupInfo: {
      runType: run.runType,
      status: V2_STATUS[state],
      startTimeUsecs: run.startTimeUsecs,
      ...(state === 'running' ? {} : { endTimeUsecs: run.endTimeUsecs }),
      successfulObjectsCount: state === 'succeeded' ? 1 : 0,
      failedObjectsCount: state === 'failed' ? 1 : 0,
      messages: state === 'failed' ? ['The source did not answer'] : [],
    },
  };
}

export function v1Run(
  ctx: ClusterApiContext,
  record: ResourceRecord,
  run: RunDocument,
  group: ResourceRecord | undefined,
) {
  const state = stateAt(run, ctx.now() * 1000);
  return {
    jobId: run.groupN,
    jobName: group?.document.name,
    viewBoxId: group?.document.storageDomainId,
    jobUid: { clusterId: ctx.cluster.id, clusterIncarnationId: ctx.cluster.incarnationId, id: run.groupN },
    backupRun: {
      jobRunId: Number(record.id),
      runType: run.runType,
      environment: group?.document.environment,
      status: V1_STATUS[state],
      slaViolated: false,
      stats: {
        startTimeUsecs: run.startTimeUsecs,
        ...(state === 'running' ? {} : { endTimeUsecs: run.endTimeUsecs }),
        numSuccessfulTasks: state === 'succeeded' ? 1 : 0,
        numFailedTasks: state === 'failed' ? 1 : 0,
      },
    },
    copyRun: [],
  };
}

/** v2 `POST /data-protect/protection-groups/{id}/runs` and v1 `POST /public/protectionJobs/run/{id}`. */
export async function createRun(ctx: ClusterApiContext, op: Operation, request: ValidRequest): Promise<Answer> {
  const group = await groupOf(ctx, request.params.id);
  const body = request.body as { runType?: unknown } | undefined;
  await startRun(ctx, group, typeof body?.runType === 'string' ? body.runType : 'kRegular');
  return shape(ctx, op, { protectionGroupId: formatId(ctx.cluster, { idType: 'string' }, Number(group.id)) });
}

export async function listGroupRuns(ctx: ClusterApiContext, op: Operation, request: ValidRequest): Promise<Answer> {
  const group = await groupOf(ctx, request.params.id);
  const runs = (await runsWithGroups(ctx, Number(group.id))).map(({ record, run }) => v2Run(ctx, record, run, group));
  const wanted = request.params.runId;
  const selected = wanted === undefined ? runs : runs.filter((r) => r.id === wanted);
  // Newest first: `numRuns: 1` is the latest run, as scripts ask for it.
  const page = pageOfList(op, answerFieldsOf(ctx, op), request.params, selected);
  return shape(ctx, op, { ...page.fields, runs: page.views, totalRuns: selected.length });
}

export async function getGroupRun(ctx: ClusterApiContext, op: Operation, request: ValidRequest): Promise<Answer> {
  const group = await groupOf(ctx, request.params.id);
  const runs = await runsWithGroups(ctx, Number(group.id));
  const found = runs.find(({ record, run }) => v2RunId(record, run) === request.params.runId);
  if (!found) throw notFound(`Protection group run ${String(request.params.runId)}`);
  return shape(ctx, op, v2Run(ctx, found.record, found.run, group));
}

/** v1 `GET /public/protectionRuns`: every group's runs, newest first (`jobId`, `numRuns`). */
export async function listRunsV1(ctx: ClusterApiContext, op: Operation, request: ValidRequest): Promise<Answer> {
  const jobId = request.params.jobId === undefined ? undefined : Number(request.params.jobId);
  const runs = (await runsWithGroups(ctx, jobId)).map(({ record, run, group }) => v1Run(ctx, record, run, group));
  const limit = typeof request.params.numRuns === 'number' ? request.params.numRuns : runs.length;
  return shape(ctx, op, runs.slice(0, limit));
}

import type { Answer, ClusterApiContext } from '../cluster-api-context.js';
import { answerGenerically, shape } from '../generic-handler.js';
import { parseId } from '../record-ids.js';
import type { ValidRequest } from '../request-validation.js';
import { isObject } from '../response-shape.js';
import type { ApiVersion, Operation } from '../spec.js';

/** Where recoveries are kept: v2's recoveries and v1's restore tasks are the same records. */
export const RECOVERIES = 'recoveries';

/** v1 names a task's action `kRecoverVMs` where v2 says `RecoverVMs`; v2's names are stored. */
function inV2Names(version: ApiVersion, body: Record<string, unknown>): Record<string, unknown> {
  if (version === 'v2') return body;
  const { type, ...rest } = body;
  const objects = Array.isArray(body.objects) ? (body.objects as unknown[]) : [];
  const environment = objects.map((o) => (isObject(o) ? o.environment : undefined)).find(Boolean);
  return {
    ...rest,
    ...(typeof type === 'string' ? { recoveryAction: type.replace(/^k/, '') } : {}),
    ...(environment === undefined ? {} : { snapshotEnvironment: environment }),
  };
}

/**
 * v2 `POST /data-protect/recoveries` and v1 `POST /public/restore/recover` and `/clone`: stored
 * like any create, with the times that make it read as running until `ctx.runMsecs` have
 * passed (see `recoveryAt`).
 */
export async function createRecovery(ctx: ClusterApiContext, op: Operation, request: ValidRequest): Promise<Answer> {
  const start = ctx.now() * 1000;
  const body = {
    ...inV2Names(op.version, isObject(request.body) ? request.body : {}),
    startTimeUsecs: start,
    plannedEndTimeUsecs: start + ctx.runMsecs * 1000,
  };
  return answerGenerically(ctx, op, { ...request, body });
}

/**
 * v2 `POST /data-protect/recoveries/{id}/cancel` and v1 `PUT /public/restore/tasks/cancel/{id}`:
 * a running recovery ends now, canceled; a finished one stays as it ended. (The record exists:
 * the path's parent check found it.)
 */
export async function cancelRecovery(ctx: ClusterApiContext, op: Operation, request: ValidRequest): Promise<Answer> {
  const id = String(parseId(ctx.cluster, request.params.id));
  const record = await ctx.resources.get(RECOVERIES, id);
  const nowUsecs = ctx.now() * 1000;
  const end = record?.document.plannedEndTimeUsecs;
  if (record && typeof end === 'number' && nowUsecs < end) {
    const document = { ...record.document, plannedEndTimeUsecs: nowUsecs, canceled: true };
    await ctx.resources.put(RECOVERIES, id, Number(id), document);
  }
  return shape(ctx, op, {});
}

const STATUS: Readonly<Record<ApiVersion, readonly [running: string, succeeded: string, canceled: string]>> = {
  v2: ['Running', 'Succeeded', 'Canceled'],
  v1: ['kInProgress', 'kFinished', 'kCancelled'],
};

/** A recovery as `version` shows it at `nowUsecs`: running until its planned end, succeeded (or canceled) after. */
export function recoveryAt(
  document: Record<string, unknown>,
  nowUsecs: number,
  version: ApiVersion,
): Record<string, unknown> {
  const { plannedEndTimeUsecs, canceled, ...stored } = document;
  const { recoveryAction, ...rest } = stored;
  const named =
    version === 'v2'
      ? stored
      : { ...rest, ...(typeof recoveryAction === 'string' ? { type: `k${recoveryAction}` } : {}) };
  if (typeof plannedEndTimeUsecs !== 'number') return named;
  const [running, succeeded, canceledStatus] = STATUS[version];
  return nowUsecs < plannedEndTimeUsecs
    ? { ...named, status: running }
    : { ...named, status: canceled === true ? canceledStatus : succeeded, endTimeUsecs: plannedEndTimeUsecs };
}

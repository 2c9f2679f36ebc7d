import type { Answer, ClusterApiContext } from '../cluster-api-context.js';
import { answerGenerically } from '../generic-handler.js';
import type { ValidRequest } from '../request-validation.js';
import { isObject } from '../response-shape.js';
import type { Operation } from '../spec.js';

/**
 * v2 `POST /data-protect/recoveries`: stored like any create, with the times that make it
 * read as running until `ctx.runMsecs` have passed (see `progressOf`).
 */
export async function createRecovery(ctx: ClusterApiContext, op: Operation, request: ValidRequest): Promise<Answer> {
  const start = ctx.now() * 1000;
  const body = {
    ...(isObject(request.body) ? request.body : {}),
    startTimeUsecs: start,
    plannedEndTimeUsecs: start + ctx.runMsecs * 1000,
  };
  return answerGenerically(ctx, op, { ...request, body });
}

/** A record with a planned end is running until then and succeeded after (recoveries). */
export function progressOf(document: Record<string, unknown>, nowUsecs: number): Record<string, unknown> {
  const { plannedEndTimeUsecs, ...rest } = document;
  if (typeof plannedEndTimeUsecs !== 'number') return document;
  return nowUsecs < plannedEndTimeUsecs
    ? { ...rest, status: 'Running' }
    : { ...rest, status: 'Succeeded', endTimeUsecs: plannedEndTimeUsecs };
}

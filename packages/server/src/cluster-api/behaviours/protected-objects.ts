import type { Answer, ClusterApiContext } from '../cluster-api-context.js';
import { pagedListAnswer } from '../generic-handler.js';
import { formatId } from '../record-ids.js';
import type { ValidRequest } from '../request-validation.js';
import type { Operation } from '../spec.js';
import { GROUPS } from './protection-runs.js';
import { allSources } from './protection-sources.js';

const listed = (value: unknown): unknown[] | undefined =>
  Array.isArray(value) && value.length > 0 ? value : undefined;

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
      const protecting = groups.filter((group) => listed(group.document.sourceIds)?.includes(source.id));
      if (protecting.length === 0) return [];
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
          protectionGroupConfigurations: protecting.map((group) => ({
            protectionGroupId: formatId(ctx.cluster, { idType: 'string' }, Number(group.id)),
            protectionGroupName: group.document.name,
          })),
        },
      ];
    });
  return pagedListAnswer(ctx, op, request.params, views);
}

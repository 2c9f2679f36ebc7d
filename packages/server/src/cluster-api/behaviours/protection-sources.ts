import type { Answer, ClusterApiContext } from '../cluster-api-context.js';
import type { DemoSource } from '../demo/demo-records.js';
import { shape } from '../generic-handler.js';
import type { ValidRequest } from '../request-validation.js';
import type { Operation } from '../spec.js';

export const SOURCES = 'protection-sources';

export async function allSources(ctx: ClusterApiContext): Promise<DemoSource[]> {
  return (await ctx.resources.list(SOURCES)).map((r) => r.document as unknown as DemoSource);
}

/** v1's `ProtectionSource`: the common fields plus the environment's own object. */
function v1Source(source: DemoSource): Record<string, unknown> {
  const own =
    source.environment === 'kVMware'
      ? { vmWareProtectionSource: { type: source.type, name: source.name } }
      : source.environment === 'kPhysical'
        ? {
            physicalProtectionSource: {
              type: 'kHost',
              hostType: 'kLinux',
              name: source.name,
              hostName: source.name,
              osName: 'Linux',
            },
          }
        : { nasProtectionSource: { type: 'kHost', name: source.name, mountPath: source.name } };
  return {
    id: source.id,
    name: source.name,
    environment: source.environment,
    ...(source.parentId === undefined ? {} : { parentId: source.parentId }),
    ...own,
  };
}

const rootsOf = (sources: DemoSource[]) => sources.filter((s) => s.parentId === undefined);
const childrenOf = (sources: DemoSource[], root: DemoSource) => sources.filter((s) => s.parentId === root.id);
const sizeOf = (sources: DemoSource[], root: DemoSource) =>
  root.sizeBytes + childrenOf(sources, root).reduce((sum, child) => sum + child.sizeBytes, 0);

/** A list parameter's values, or undefined when it names none (no filter). */
export const listed = (value: unknown): unknown[] | undefined =>
  Array.isArray(value) && value.length > 0 ? value : undefined;

/** A source as a v1 `ProtectionSourceNode`, with the nodes under it. */
function nodeOf(sources: DemoSource[], source: DemoSource): Record<string, unknown> {
  const children = childrenOf(sources, source);
  return {
    protectionSource: v1Source(source),
    logicalSize: sizeOf(sources, source),
    ...(children.length > 0 || source.parentId === undefined
      ? { nodes: children.map((child) => nodeOf(sources, child)) }
      : {}),
  };
}

/**
 * v1 `GET /public/protectionSources`: one tree per registered source, or with `nodeId` the
 * nodes under that entity. `pageSize` pages either by entity id, from the one after
 * `afterCursorEntityId`, as a cluster pages the children of a large source.
 */
export async function listSourceTrees(ctx: ClusterApiContext, op: Operation, request: ValidRequest): Promise<Answer> {
  const sources = await allSources(ctx);
  const environments = listed(request.params.environments);
  const { nodeId, pageSize, afterCursorEntityId } = request.params;
  const level = typeof nodeId === 'number' ? sources.filter((s) => s.parentId === nodeId) : rootsOf(sources);
  let shown = level.filter((source) => environments === undefined || environments.includes(source.environment));
  if (typeof pageSize === 'number' && pageSize >= 1) {
    const after = typeof afterCursorEntityId === 'number' ? afterCursorEntityId : Number.NEGATIVE_INFINITY;
    shown = shown
      .filter((source) => source.id > after)
      .sort((a, b) => a.id - b.id)
      .slice(0, pageSize);
  }
  return shape(
    ctx,
    op,
    shown.map((source) => nodeOf(sources, source)),
  );
}

/** v1 `GET /public/protectionSources/registrationInfo`: the registered roots and their totals. */
export async function listRegistrationInfo(
  ctx: ClusterApiContext,
  op: Operation,
  request: ValidRequest,
): Promise<Answer> {
  const sources = await allSources(ctx);
  const environments = listed(request.params.environments);
  const roots = rootsOf(sources).filter(
    (root) => environments === undefined || environments.includes(root.environment),
  );
  const rootNodes = roots.map((root) => ({
    rootNode: v1Source(root),
    logicalSizeBytes: sizeOf(sources, root),
    registrationInfo: { authenticationStatus: 'kFinished', environments: [root.environment] },
    stats: {
      protectedCount: Math.max(childrenOf(sources, root).length, 1),
      protectedSize: sizeOf(sources, root),
      unprotectedCount: 0,
      unprotectedSize: 0,
    },
  }));
  const protectedCount = rootNodes.reduce((sum, node) => sum + node.stats.protectedCount, 0);
  const protectedSize = rootNodes.reduce((sum, node) => sum + node.stats.protectedSize, 0);
  return shape(ctx, op, {
    rootNodes,
    stats: { protectedCount, protectedSize, unprotectedCount: 0, unprotectedSize: 0 },
  });
}

/** v2 `GET /data-protect/sources`: the registered sources. */
export async function listSourcesV2(ctx: ClusterApiContext, op: Operation): Promise<Answer> {
  const sources = await allSources(ctx);
  return shape(ctx, op, {
    sources: rootsOf(sources).map((root) => ({ id: root.id, name: root.name, environment: root.environment })),
  });
}

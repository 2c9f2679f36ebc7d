import type { Answer, ClusterApiContext } from '../cluster-api-context.js';
import type { DemoSource } from '../demo/demo-records.js';
import { shape } from '../generic-handler.js';
import type { ValidRequest } from '../request-validation.js';
import type { Operation } from '../spec.js';

export const SOURCES = 'protection-sources';

async function allSources(ctx: ClusterApiContext): Promise<DemoSource[]> {
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

const wantedEnvironments = (request: ValidRequest) => {
  const wanted = request.params.environments;
  return Array.isArray(wanted) && wanted.length > 0 ? wanted.map(String) : undefined;
};

/** v1 `GET /public/protectionSources`: one tree per registered source. */
export async function listSourceTrees(ctx: ClusterApiContext, op: Operation, request: ValidRequest): Promise<Answer> {
  const sources = await allSources(ctx);
  const environments = wantedEnvironments(request);
  const trees = rootsOf(sources)
    .filter((root) => environments === undefined || environments.includes(root.environment))
    .map((root) => ({
      protectionSource: v1Source(root),
      logicalSize: sizeOf(sources, root),
      nodes: childrenOf(sources, root).map((child) => ({
        protectionSource: v1Source(child),
        logicalSize: child.sizeBytes,
      })),
    }));
  return shape(ctx, op, trees);
}

/** v1 `GET /public/protectionSources/registrationInfo`: the registered roots and their totals. */
export async function listRegistrationInfo(
  ctx: ClusterApiContext,
  op: Operation,
  request: ValidRequest,
): Promise<Answer> {
  const sources = await allSources(ctx);
  const environments = wantedEnvironments(request);
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

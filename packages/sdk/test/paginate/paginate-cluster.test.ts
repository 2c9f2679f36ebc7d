import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClusterClient } from '../../src/index.js';
import { startTestCluster, type TestCluster } from '../helpers/test-cluster.js';

// client.paginate and client.paginatePages against the real server, with more records than one
// page holds, in each paging style whose lists hold records the stand-in creates or its demo
// cluster has. The lists that page by startIndex (v2 audit logs) or page + pageSize (v1
// monitoring jobs) hold none of those: paginate.test.ts walks those styles against a fake cluster.
const COUNT = 7;
const names = Array.from({ length: COUNT }, (_, i) => `paged-${i + 1}`);
let cluster: TestCluster;
let client: ClusterClient;

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

beforeAll(async () => {
  cluster = await startTestCluster({ emptyCluster: true, apiRateLimit: 0 });
  client = cluster.client();
  for (const name of names) {
    await client.protectionGroup.createProtectionGroup({ name, environment: 'kPhysical', policyId: 'p' });
    await client.view.createShare({ name, viewName: name, viewPath: '/' });
    await client.v1.views.createView({ name, viewBoxId: 1 });
  }
});
afterAll(() => cluster.close());

describe('client.paginate against the server', () => {
  it('walks paginationCookie + maxResultCount (v2 getProtectionGroups)', async () => {
    const method = client.protectionGroup.getProtectionGroups;
    const pages = await collect(client.paginatePages(method, { maxResultCount: 3 }));
    expect(pages.map((page) => [page.protectionGroups?.length, page.paginationCookie])).toEqual([
      [3, '3'],
      [3, '6'],
      [1, undefined],
    ]);
    const groups = await collect(client.paginate(method, { maxResultCount: 3 }));
    expect(groups.map((group) => group.name)).toEqual(names);
  });

  it('walks cookie + maxCount (v2 getShares)', async () => {
    const shares = await collect(client.paginate(client.view.getShares, { maxCount: 2 }));
    expect(shares.map((share) => share.name)).toEqual(names);
    const pages = await collect(client.paginatePages(client.view.getShares, { maxCount: 2 }));
    expect(pages.map((page) => page.shares?.length)).toEqual([2, 2, 2, 1]);
  });

  it('walks maxViewId + lastResult (v1 getViews)', async () => {
    const pages = await collect(client.paginatePages(client.v1.views.getViews, { maxCount: 4 }));
    expect(pages.map((page) => [page.views?.length, page.lastResult])).toEqual([
      [4, false],
      [3, true],
    ]);
    const views = await collect(client.paginate(client.v1.views.getViews, { maxCount: 4 }));
    expect(views.map((view) => view.name)).toEqual(names);
  });

  it('walks a list that fits one page in one request', async () => {
    const pages = await collect(client.paginatePages(client.view.getShares, { maxCount: 100 }));
    expect(pages).toHaveLength(1);
    expect(pages[0]?.shares).toHaveLength(COUNT);
  });
});

describe('client.paginate against the demo cluster', () => {
  let demo: TestCluster;
  let c: ClusterClient;
  beforeAll(async () => {
    demo = await startTestCluster({ apiRateLimit: 0 });
    c = demo.client();
  });
  afterAll(() => demo.close());

  it('walks cookie + maxCount with the cookie in paginationInfo (v2 getProtectedObjectsOfAnyType)', async () => {
    const method = c.object.getProtectedObjectsOfAnyType;
    const pages = await collect(c.paginatePages(method, { maxCount: 2 }));
    expect(pages.map((page) => [page.objects?.length, page.paginationInfo?.cookie])).toEqual([
      [2, '2'],
      [2, '4'],
      [1, undefined],
    ]);
    const all = (await method()).objects ?? [];
    expect(all).toHaveLength(5);
    expect((await collect(c.paginate(method, { maxCount: 2 }))).map((o) => o.id)).toEqual(all.map((o) => o.id));
  });

  it('walks paginationCookie + numRuns with the cookie in paginationInfo (v2 getObjectRuns)', async () => {
    const method = c.object.getObjectRuns;
    const all = (await method({ id: 2 })).protectionRuns ?? [];
    expect(all.length).toBeGreaterThan(2);
    const pages = await collect(c.paginatePages(method, { id: 2, numRuns: 2 }));
    expect(pages).toHaveLength(Math.ceil(all.length / 2));
    expect((await collect(c.paginate(method, { id: 2, numRuns: 2 }))).map((r) => r.runId)).toEqual(
      all.map((r) => r.runId),
    );
  });

  it('walks afterCursorEntityId + pageSize (v1 listProtectionSources under a vCenter)', async () => {
    const method = c.v1.protectionSources.listProtectionSources;
    const pages = await collect(c.paginatePages(method, { nodeId: 1, pageSize: 2 }));
    expect(pages.map((page) => page.map((node) => node.protectionSource?.name))).toEqual([
      ['web-01', 'web-02'],
      ['db-01'],
    ]);
    const roots = await collect(c.paginate(method, { pageSize: 1 }));
    expect(roots.map((node) => node.protectionSource?.environment)).toEqual(['kVMware', 'kPhysical', 'kGenericNas']);
  });
});

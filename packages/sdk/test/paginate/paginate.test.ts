import type { ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import type { ClusterClient } from '../../src/index.js';
import { type FakeCluster, fakeClusterPerTest, json, type ReceivedRequest } from '../helpers/fake-cluster.js';

// One fake list of 7 items, served in each of the documents' paging styles.
const ITEMS = Array.from({ length: 7 }, (_, i) => i + 1);
const fakes = fakeClusterPerTest();
let fake: FakeCluster | undefined;

async function serve(page: (query: URLSearchParams, response: ServerResponse) => void): Promise<ClusterClient> {
  const started = await fakes.start((_i, _request, response, received) =>
    page(new URL(received.path, 'http://x').searchParams, response),
  );
  fake = started.fake;
  return started.client;
}

const queries = () => (fake?.requests ?? []).map((r: ReceivedRequest) => new URL(r.path, 'http://x').search);

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

describe('client.paginate', () => {
  it('walks paginationCookie + maxResultCount (v2 getProtectionGroups)', async () => {
    const c = await serve((query, response) => {
      const start = Number(query.get('paginationCookie') ?? 0);
      const size = Number(query.get('maxResultCount'));
      const next = start + size < ITEMS.length ? { paginationCookie: String(start + size) } : {};
      json(response, 200, {
        protectionGroups: ITEMS.slice(start, start + size).map((id) => ({ id: `g${id}` })),
        ...next,
      });
    });
    const groups = await collect(c.paginate(c.protectionGroup.getProtectionGroups, { maxResultCount: 3 }));
    expect(groups.map((g) => g.id)).toEqual(ITEMS.map((id) => `g${id}`));
    expect(queries()).toEqual([
      '?maxResultCount=3',
      '?maxResultCount=3&paginationCookie=3',
      '?maxResultCount=3&paginationCookie=6',
    ]);
  });

  it('walks cookie + maxCount (v2 getShares)', async () => {
    const c = await serve((query, response) => {
      const start = Number(query.get('cookie') ?? 0);
      const next = start + 4 < ITEMS.length ? { cookie: String(start + 4) } : {};
      json(response, 200, { shares: ITEMS.slice(start, start + 4).map((n) => ({ name: `s${n}` })), ...next });
    });
    const shares = await collect(c.paginate(c.view.getShares, { maxCount: 4 }));
    expect(shares.map((s) => s.name)).toEqual(ITEMS.map((n) => `s${n}`));
    expect(queries()).toEqual(['?maxCount=4', '?maxCount=4&cookie=4']);
  });

  it('walks cookie + maxCount with the cookie in paginationInfo (v2 getProtectedObjectsOfAnyType)', async () => {
    const c = await serve((query, response) => {
      const start = Number(query.get('cookie') ?? 0);
      const more = start + 3 < ITEMS.length;
      json(response, 200, {
        objects: ITEMS.slice(start, start + 3).map((id) => ({ id })),
        paginationInfo: more ? { cookie: String(start + 3) } : { cookie: null },
      });
    });
    const objects = await collect(c.paginate(c.object.getProtectedObjectsOfAnyType, { maxCount: 3 }));
    expect(objects.map((o) => o.id)).toEqual(ITEMS);
    expect(queries()).toEqual(['?maxCount=3', '?maxCount=3&cookie=3', '?maxCount=3&cookie=6']);
  });

  it('walks afterCursorEntityId + pageSize (v1 listProtectionSources), from the last entity until a short page', async () => {
    const c = await serve((query, response) => {
      const after = Number(query.get('afterCursorEntityId') ?? 0);
      const size = Number(query.get('pageSize'));
      const page = ITEMS.filter((id) => id > after).slice(0, size);
      json(
        response,
        200,
        page.map((id) => ({ protectionSource: { id, name: `vm-${id}` } })),
      );
    });
    const nodes = await collect(c.paginate(c.v1.protectionSources.listProtectionSources, { nodeId: 1, pageSize: 4 }));
    expect(nodes.map((n) => n.protectionSource?.name)).toEqual(ITEMS.map((id) => `vm-${id}`));
    expect(queries()).toEqual(['?nodeId=1&pageSize=4', '?nodeId=1&pageSize=4&afterCursorEntityId=4']);
  });

  it('walks startIndex + count (v2 getAuditLogs), stopping at a short page', async () => {
    const c = await serve((query, response) => {
      const start = Number(query.get('startIndex') ?? 0);
      const count = Number(query.get('count'));
      json(response, 200, { auditLogs: ITEMS.slice(start, start + count).map((n) => ({ action: `a${n}` })) });
    });
    const logs = await collect(c.paginate(c.auditLog.getAuditLogs, { count: 5 }));
    expect(logs.map((l) => l.action)).toEqual(ITEMS.map((n) => `a${n}`));
    expect(queries()).toEqual(['?count=5', '?count=5&startIndex=5']);
  });

  it('walks maxViewId + lastResult (v1 getViews)', async () => {
    const c = await serve((query, response) => {
      const after = Number(query.get('maxViewId') ?? 0);
      const page = ITEMS.filter((id) => id > after).slice(0, 3);
      json(response, 200, { views: page.map((viewId) => ({ viewId })), lastResult: page.at(-1) === ITEMS.at(-1) });
    });
    const views = await collect(c.paginate(c.v1.views.getViews, { maxCount: 3 }));
    expect(views.map((v) => v.viewId)).toEqual(ITEMS);
    expect(queries()).toEqual(['?maxCount=3', '?maxCount=3&maxViewId=3', '?maxCount=3&maxViewId=6']);
  });

  it('walks page + pageSize (v1 getAllJobRuns), from page 1 until a short page', async () => {
    const c = await serve((query, response) => {
      const page = Number(query.get('page') ?? 1);
      const size = Number(query.get('pageSize'));
      json(
        response,
        200,
        ITEMS.slice((page - 1) * size, page * size).map((n) => ({ jobRunId: `r${n}` })),
      );
    });
    const runs = await collect(
      c.paginate(c.v1.monitoring.getAllJobRuns, { startTimeMsecs: 1, endTimeMsecs: 2, pageSize: 3 }),
    );
    expect(runs.map((r) => r.jobRunId)).toEqual(ITEMS.map((n) => `r${n}`));
    expect(queries()).toEqual([
      '?startTimeMsecs=1&endTimeMsecs=2&pageSize=3',
      '?startTimeMsecs=1&endTimeMsecs=2&pageSize=3&page=2',
      '?startTimeMsecs=1&endTimeMsecs=2&pageSize=3&page=3',
    ]);
  });

  it('takes the page from the arrays of records the document names (v1 getViewUserQuotas, getProtectionRunErrors)', async () => {
    const c = await serve((query, response) => {
      const n = query.has('paginationCookie') || query.has('cookie') ? 2 : 1;
      const next = n === 1 ? { paginationCookie: 'n', cookie: 'n' } : {};
      json(
        response,
        200,
        query.has('jobId')
          ? { errors: [{ errorCode: `e${n}` }], fileNames: ['f1', 'f2'], ...next }
          : { usersQuotaAndUsage: [{ sid: `u${n}` }], quotaAndUsageInAllViews: [], ...next },
      );
    });
    const quotas = await collect(c.paginate(c.v1.views.getViewUserQuotas, { viewName: 'v' }));
    expect(quotas).toEqual([{ sid: 'u1' }, { sid: 'u2' }]);
    const errors = await collect(
      c.paginate(c.v1.protectionRuns.getProtectionRunErrors, { jobId: 1, startTimeUsecs: 2, taskId: 3 }),
    );
    // `fileNames` (strings) beside `errors` (records) is not the page.
    expect(errors).toEqual([{ errorCode: 'e1' }, { errorCode: 'e2' }]);
  });

  it('yields whole answers with paginatePages', async () => {
    const c = await serve((query, response) => {
      const start = Number(query.get('paginationCookie') ?? 0);
      const next = start + 4 < ITEMS.length ? { paginationCookie: String(start + 4) } : {};
      json(response, 200, { protectionGroups: ITEMS.slice(start, start + 4).map((id) => ({ id: `g${id}` })), ...next });
    });
    const pages = await collect(c.paginatePages(c.protectionGroup.getProtectionGroups, { maxResultCount: 4 }));
    expect(pages.map((page) => page.protectionGroups?.length)).toEqual([4, 3]);
    expect(pages[0]?.paginationCookie).toBe('4');
  });

  it('asks for no further page once the caller stops', async () => {
    const c = await serve((query, response) =>
      json(response, 200, {
        protectionGroups: [{ id: query.get('paginationCookie') ?? '0' }, { id: 'x' }],
        paginationCookie: String(Number(query.get('paginationCookie') ?? 0) + 1),
      }),
    );
    for await (const group of c.paginate(c.protectionGroup.getProtectionGroups)) {
      if (group.id === '1') break;
    }
    expect(fake?.requests).toHaveLength(2);
  });

  it('stops when the cluster answers the same page again, instead of asking for it forever', async () => {
    const c = await serve((_query, response) =>
      json(response, 200, { protectionGroups: [{ id: 'same' }], paginationCookie: 'stuck' }),
    );
    expect(await collect(c.paginate(c.protectionGroup.getProtectionGroups))).toEqual([{ id: 'same' }]);
    expect(fake?.requests).toHaveLength(2);
  });

  it('stops when a cluster ignores startIndex', async () => {
    const c = await serve((_query, response) => json(response, 200, { auditLogs: [{ action: 'a' }, { action: 'b' }] }));
    expect(await collect(c.paginate(c.auditLog.getAuditLogs, { count: 2 }))).toHaveLength(2);
    expect(fake?.requests).toHaveLength(2);
  });

  it('refuses an operation that does not page', async () => {
    const c = await serve((_query, response) => json(response, 200, {}));
    const method = c.platform.getCluster as unknown as Parameters<ClusterClient['paginate']>[0];
    await expect(collect(c.paginate(method))).rejects.toThrow('getCluster does not page');
  });
});

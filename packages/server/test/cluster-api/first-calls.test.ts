import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer } from '../helpers/identity.js';
import { startTestServer, type TestServer } from '../helpers/start-server.js';

const V1 = '/irisservices/api/v1/public';
let t: TestServer;
let auth: Record<string, string>;

beforeAll(async () => {
  t = await startTestServer();
  auth = bearer(await t.login());
});
afterAll(() => t.close());

type Named = { id: number | string; name: string };
const get = async <T>(path: string, headers = auth) => {
  const response = await t.send<T>('GET', path, { headers });
  expect(response.status, `${path}: ${response.text.slice(0, 200)}`).toBe(200);
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  return response.body;
};

describe('what real clients call first, on the demo cluster', () => {
  it('v2 protection groups and v1 protection jobs are the same records', async () => {
    const groups = (await get<{ protectionGroups: Named[] }>('/v2/data-protect/protection-groups')).protectionGroups;
    const jobs = await get<(Named & { viewBoxId: number; policyId: string })[]>(`${V1}/protectionJobs`);
    expect(groups.map((g) => g.name)).toEqual(['VMware-Gold', 'Physical-Files', 'NAS-Projects']);
    expect(jobs.map((j) => j.name)).toEqual(groups.map((g) => g.name));
    const { id, incarnationId } = await get<{ id: number; incarnationId: number }>('/v2/clusters');
    expect(groups.map((g) => g.id)).toEqual(jobs.map((j) => `${id}:${incarnationId}:${j.id}`));
    const policies = await get<Named[]>(`${V1}/protectionPolicies`);
    expect(policies.map((p) => p.id)).toContain(jobs[0]?.policyId);
    const viewBoxes = await get<Named[]>(`${V1}/viewBoxes`);
    const domains = (await get<{ storageDomains: Named[] }>('/v2/storage-domains')).storageDomains;
    expect(viewBoxes).toHaveLength(2);
    expect(domains.map((d) => [d.id, d.name])).toEqual(viewBoxes.map((v) => [v.id, v.name]));
    expect(viewBoxes.map((v) => v.id)).toContain(jobs[0]?.viewBoxId);
  });

  it('filters as the document names: csv ids and names, environments, Python booleans', async () => {
    const groups = (await get<{ protectionGroups: Named[] }>('/v2/data-protect/protection-groups')).protectionGroups;
    const two = `${groups[0]?.id},${groups[2]?.id}`;
    const byIds = await get<{ protectionGroups: Named[] }>(`/v2/data-protect/protection-groups?ids=${two}`);
    expect(byIds.protectionGroups.map((g) => g.name)).toEqual(['VMware-Gold', 'NAS-Projects']);
    const byEnv = await get<Named[]>(`${V1}/protectionJobs?environments=kPhysical&isActive=True`);
    expect(byEnv.map((j) => j.name)).toEqual(['Physical-Files']);
    const byNames = await get<Named[]>(`${V1}/protectionJobs?names=NAS-Projects,VMware-Gold&isDeleted=false`);
    expect(byNames.map((j) => j.name)).toEqual(['VMware-Gold', 'NAS-Projects']);
  });

  it('sources: a vCenter with its VMs, a physical server and a NAS, in v1 and v2', async () => {
    const trees = await get<{ protectionSource: Named & { environment: string }; nodes?: unknown[] }[]>(
      `${V1}/protectionSources`,
    );
    expect(trees.map((tree) => tree.protectionSource.environment)).toEqual(['kVMware', 'kPhysical', 'kGenericNas']);
    expect(trees[0]?.nodes).toHaveLength(3);
    const info = await get<{ rootNodes: { rootNode: Named }[]; stats: { protectedCount: number } }>(
      `${V1}/protectionSources/registrationInfo?environments=kVMware,kPhysical`,
    );
    expect(info.rootNodes.map((r) => r.rootNode.name)).toEqual(['vcenter.demo.local', 'files-01.demo.local']);
    expect(info.stats.protectedCount).toBe(4);
    const v2 = await get<{ sources: Named[] }>('/v2/data-protect/sources');
    expect(v2.sources).toHaveLength(3);
  });

  it('a source’s nodes by nodeId, paged by pageSize after afterCursorEntityId', async () => {
    type Node = { protectionSource: Named & { parentId?: number } };
    const names = async (query: string) =>
      (await get<Node[]>(`${V1}/protectionSources?${query}`)).map((node) => node.protectionSource.name);
    expect(await names('nodeId=1')).toEqual(['web-01', 'web-02', 'db-01']);
    expect(await names('nodeId=1&pageSize=2')).toEqual(['web-01', 'web-02']);
    expect(await names('nodeId=1&pageSize=2&afterCursorEntityId=3')).toEqual(['db-01']);
    expect(await names('pageSize=2&afterCursorEntityId=1')).toEqual([
      'files-01.demo.local',
      '\\\\nas.demo.local\\projects',
    ]);
  });

  it('protected objects: what the groups protect, with their groups, filtered and paged by cookie in paginationInfo', async () => {
    type Objects = {
      objects: (Named & { sourceName: string; protectionGroupConfigurations: { protectionGroupName: string }[] })[];
      paginationInfo?: { cookie?: string };
    };
    const all = await get<Objects>('/v2/data-protect/objects');
    expect(all.objects.map((o) => o.name)).toEqual([
      'web-01',
      'web-02',
      'db-01',
      'files-01.demo.local',
      '\\\\nas.demo.local\\projects',
    ]);
    expect(all.objects[0]?.sourceName).toBe('vcenter.demo.local');
    expect(all.objects[0]?.protectionGroupConfigurations).toEqual([
      expect.objectContaining({ protectionGroupName: 'VMware-Gold' }),
    ]);
    expect(all.paginationInfo).toBeUndefined();
    const first = await get<Objects>('/v2/data-protect/objects?maxCount=3');
    expect([first.objects.length, first.paginationInfo?.cookie]).toEqual([3, '3']);
    const last = await get<Objects>('/v2/data-protect/objects?maxCount=3&cookie=3');
    expect([last.objects.map((o) => o.id), last.paginationInfo]).toEqual([[5, 6], undefined]);
    const physical = await get<Objects>('/v2/data-protect/objects?environments=kPhysical,kGenericNas&ids=5');
    expect(physical.objects.map((o) => o.id)).toEqual([5]);
  });

  it('an object’s runs are its groups’ runs, newest first, paged by numRuns; an unknown object is 404', async () => {
    type ObjectRuns = {
      protectionRuns: {
        runId: string;
        protectionGroupName: string;
        localSnapshotInfo: { snapshotInfo: { status: string } };
      }[];
      paginationInfo?: { cookie?: string };
    };
    const groups = (await get<{ protectionGroups: Named[] }>('/v2/data-protect/protection-groups?names=VMware-Gold'))
      .protectionGroups;
    const groupRuns = await get<{ runs: { id: string }[] }>(
      `/v2/data-protect/protection-groups/${encodeURIComponent(String(groups[0]?.id))}/runs`,
    );
    const all = await get<ObjectRuns>('/v2/data-protect/objects/2/runs');
    expect(all.protectionRuns.map((r) => r.runId)).toEqual(groupRuns.runs.map((r) => r.id));
    expect(new Set(all.protectionRuns.map((r) => r.protectionGroupName))).toEqual(new Set(['VMware-Gold']));
    expect(all.protectionRuns.map((r) => r.localSnapshotInfo.snapshotInfo.status)).toContain('kSuccessful');
    const page = await get<ObjectRuns>('/v2/data-protect/objects/2/runs?numRuns=2');
    expect([page.protectionRuns.length, page.paginationInfo?.cookie]).toEqual([2, '2']);
    const one = all.protectionRuns[1]?.runId ?? '';
    const picked = await get<ObjectRuns>(`/v2/data-protect/objects/2/runs?runId=${encodeURIComponent(one)}`);
    expect(picked.protectionRuns.map((r) => r.runId)).toEqual([one]);
    const unknown = await t.send<{ errorCode: string }>('GET', '/v2/data-protect/objects/99/runs', { headers: auth });
    expect([unknown.status, unknown.body.errorCode]).toEqual([404, 'KNotFound']);
  });

  it('nodes, alerts in both versions, runs, and the cluster with its stats', async () => {
    expect(await get<unknown[]>(`${V1}/nodes`)).toHaveLength(3);
    const v1Alerts = await get<{ alertCode: string }[]>(`${V1}/alerts?maxAlerts=10`);
    const v2Alerts = (await get<{ alerts: { alertCode: string }[] }>('/v2/alerts')).alerts;
    expect(v1Alerts.map((a) => a.alertCode)).toEqual(['CE00610011', 'CE00200004']);
    expect(v2Alerts.map((a) => a.alertCode)).toEqual(v1Alerts.map((a) => a.alertCode));
    const runs = await get<{ backupRun: { status: string } }[]>(`${V1}/protectionRuns`);
    expect(runs).toHaveLength(15);
    expect(runs.filter((r) => r.backupRun.status === 'kFailure')).toHaveLength(1);
    const cluster = await get<{ nodeCount: number; stats?: { usagePerfStats: { physicalCapacityBytes: number } } }>(
      `${V1}/cluster?fetchStats=True`,
    );
    expect(cluster.nodeCount).toBe(3);
    expect(cluster.stats?.usagePerfStats.physicalCapacityBytes).toBeGreaterThan(0);
    expect((await get<{ stats?: unknown }>(`${V1}/cluster`)).stats).toBeUndefined();
  });

  it('a monitoring client that checks a bad token on /public/nodes gets the contract 401, not 404', async () => {
    const response = await t.send('GET', `${V1}/nodes`, { headers: { authorization: 'Bearer a.b.c' } });
    expect(response.status).toBe(401);
    expect(response.body).toEqual({ errorCode: 'KStatusUnauthorized', message: 'The access token is invalid.' });
  });

  it('starts without the demo cluster when asked to', async () => {
    const empty = await startTestServer({ emptyCluster: true });
    try {
      const token = bearer(await empty.login());
      const groups = await empty.send<{ protectionGroups: unknown[] }>('GET', '/v2/data-protect/protection-groups', {
        headers: token,
      });
      expect(groups.body.protectionGroups).toEqual([]);
      expect((await empty.send<unknown[]>('GET', `${V1}/nodes`, { headers: token })).body).toEqual([]);
    } finally {
      await empty.close();
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer } from '../helpers/identity.js';
import { startTestServer, type TestServer } from '../helpers/start-server.js';

const V1 = '/irisservices/api/v1/public';
let t: TestServer;
let auth: Record<string, string>;
let groupId: string;

interface V2Runs {
  runs: {
    id: string;
    protectionGroupId: string;
    protectionGroupInstanceId: number;
    localBackupInfo: { status: string; endTimeUsecs?: number };
  }[];
}
interface V1Run {
  jobId: number;
  backupRun: { jobRunId: number; status: string };
}

/** Asks until `done` holds (a run takes `runSeconds`); fails after 20 tries. */
async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error('never happened');
}

beforeAll(async () => {
  t = await startTestServer({ runSeconds: 1 });
  auth = bearer(await t.login());
  const groups = await t.send<{ protectionGroups: { id: string; name: string }[] }>(
    'GET',
    '/v2/data-protect/protection-groups?names=VMware-Gold',
    { headers: auth },
  );
  groupId = groups.body.protectionGroups[0]?.id ?? '';
});
afterAll(() => t.close());

describe('protection runs', () => {
  it('a run started through v1 shows up in v2, running and then succeeded', async () => {
    const v1Id = Number(groupId.split(':')[2]);
    const before = await t.send<V2Runs>('GET', `/v2/data-protect/protection-groups/${groupId}/runs`, { headers: auth });
    const started = await t.send('POST', `${V1}/protectionJobs/run/${v1Id}`, {
      headers: auth,
      body: { runType: 'kRegular', sourceIds: null, runNowParameters: null, copyRunTargets: null },
    });
    expect(started.status).toBe(204);
    const runs = () => t.send<V2Runs>('GET', `/v2/data-protect/protection-groups/${groupId}/runs`, { headers: auth });
    const first = await runs();
    expect(first.body.runs).toHaveLength(before.body.runs.length + 1);
    const newest = first.body.runs[0];
    expect(newest?.protectionGroupId).toBe(groupId);
    expect(newest?.localBackupInfo.status).toBe('Running');
    const finished = await eventually(runs, (r) => r.body.runs[0]?.localBackupInfo.status === 'Succeeded');
    expect(finished.body.runs[0]?.id).toBe(newest?.id);
    expect(finished.body.runs[0]?.localBackupInfo.endTimeUsecs).toBeGreaterThan(0);
    const one = await t.send<{ id: string }>(
      'GET',
      `/v2/data-protect/protection-groups/${groupId}/runs/${encodeURIComponent(newest?.id ?? '')}`,
      { headers: auth },
    );
    expect(one.status).toBe(200);
    expect(one.body.id).toBe(newest?.id);
  });

  it('numRuns or maxResultCount pages a group’s runs, newest first, with a paginationCookie and the total', async () => {
    type Paged = V2Runs & { paginationCookie?: string; totalRuns: number };
    const runs = (query: string) =>
      t.send<Paged>('GET', `/v2/data-protect/protection-groups/${groupId}/runs?${query}`, { headers: auth });
    const all = (await runs('')).body;
    expect(all.runs.length).toBeGreaterThan(3);
    const latest = (await runs('numRuns=1')).body;
    expect([latest.runs.map((r) => r.id), latest.paginationCookie, latest.totalRuns]).toEqual([
      [all.runs[0]?.id],
      '1',
      all.runs.length,
    ]);
    const second = (await runs('maxResultCount=2&paginationCookie=2')).body;
    expect(second.runs.map((r) => r.id)).toEqual(all.runs.slice(2, 4).map((r) => r.id));
  });

  it('a run started through v2 shows up in v1 protectionRuns, then kSuccess', async () => {
    const started = await t.send<{ protectionGroupId: string }>(
      'POST',
      `/v2/data-protect/protection-groups/${groupId}/runs`,
      {
        headers: auth,
        body: { runType: 'kRegular' },
      },
    );
    expect(started.status).toBe(202);
    expect(started.body.protectionGroupId).toBe(groupId);
    const jobId = Number(groupId.split(':')[2]);
    const runs = () => t.send<V1Run[]>('GET', `${V1}/protectionRuns?jobId=${jobId}&numRuns=1`, { headers: auth });
    expect((await runs()).body[0]?.backupRun.status).toBe('kRunning');
    const done = await eventually(runs, (r) => r.body[0]?.backupRun.status === 'kSuccess');
    expect(done.body).toHaveLength(1);
    expect(done.body[0]?.jobId).toBe(jobId);
  });

  it('a finished run is the group last run: v2 includeLastRunInfo, v1 includeLastRunAndStats', async () => {
    const group = `/v2/data-protect/protection-groups/${encodeURIComponent(groupId)}`;
    const started = await t.send('POST', `${group}/runs`, { headers: auth, body: { runType: 'kFull' } });
    expect(started.status).toBe(202);
    const newest = (await t.send<V2Runs>('GET', `${group}/runs`, { headers: auth })).body.runs[0];
    interface WithLastRun {
      lastRun?: { id: string; localBackupInfo: { status: string; runType: string } };
    }
    const read = () => t.send<WithLastRun>('GET', `${group}?includeLastRunInfo=true`, { headers: auth });
    const done = await eventually(read, (r) => r.body.lastRun?.localBackupInfo.status === 'Succeeded');
    expect(done.body.lastRun?.id).toBe(newest?.id);
    expect(done.body.lastRun?.localBackupInfo.runType).toBe('kFull');
    // Not asked for, not answered (as a cluster does: the run lookup costs).
    expect((await t.send<WithLastRun>('GET', group, { headers: auth })).body.lastRun).toBeUndefined();
    const listed = await t.send<{ protectionGroups: (WithLastRun & { id: string })[] }>(
      'GET',
      `/v2/data-protect/protection-groups?includeLastRunInfo=true&ids=${encodeURIComponent(groupId)}`,
      { headers: auth },
    );
    expect(listed.body.protectionGroups.map((g) => g.lastRun?.id)).toEqual([newest?.id]);
    // Pages as any generic list does (the demo cluster has 3 groups).
    const page = await t.send<{ protectionGroups: WithLastRun[]; paginationCookie?: string }>(
      'GET',
      '/v2/data-protect/protection-groups?includeLastRunInfo=true&maxResultCount=1',
      { headers: auth },
    );
    expect(page.body.protectionGroups).toHaveLength(1);
    expect(page.body.protectionGroups[0]?.lastRun).toBeDefined();
    expect(page.body.paginationCookie).toBe('1');

    const jobId = Number(groupId.split(':')[2]);
    const jobs = await t.send<{ id: number; lastRun?: V1Run; summaryStats?: { numSuccessfulRuns: number } }[]>(
      'GET',
      `${V1}/protectionJobs?includeLastRunAndStats=true&ids=${jobId}`,
      { headers: auth },
    );
    const job = jobs.body[0];
    expect(job?.lastRun?.backupRun).toMatchObject({ jobRunId: newest?.protectionGroupInstanceId, status: 'kSuccess' });
    expect(job?.summaryStats?.numSuccessfulRuns).toBeGreaterThan(0);
  });

  it('answers 404 KNotFound for a group that does not exist, and starts nothing', async () => {
    const all = async () => (await t.send<V1Run[]>('GET', `${V1}/protectionRuns`, { headers: auth })).body.length;
    const count = await all();
    const v1 = await t.send('POST', `${V1}/protectionJobs/run/9999`, { headers: auth, body: {} });
    const v2 = await t.send('POST', '/v2/data-protect/protection-groups/1:2:3/runs', {
      headers: auth,
      body: { runType: 'kRegular' },
    });
    expect([v1.status, v2.status]).toEqual([404, 404]);
    expect(v1.body).toMatchObject({ errorCode: 'KNotFound' });
    expect(await all()).toBe(count);
  });

  it('a recovery is running, then succeeded', async () => {
    const created = await t.send<{ id: string; status: string }>('POST', '/v2/data-protect/recoveries', {
      headers: auth,
      body: { name: 'restore-web-01', snapshotEnvironment: 'kVMware' },
    });
    expect(created.status).toBe(201);
    expect(created.body.status).toBe('Running');
    const read = () =>
      t.send<{ status: string }>('GET', `/v2/data-protect/recoveries/${encodeURIComponent(created.body.id)}`, {
        headers: auth,
      });
    expect((await eventually(read, (r) => r.body.status === 'Succeeded')).status).toBe(200);
  });
});

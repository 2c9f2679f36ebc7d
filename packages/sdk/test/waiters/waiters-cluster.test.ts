import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ClusterClient,
  waitUntilProtectionGroupRunFinished,
  waitUntilProtectionJobRunFinished,
} from '../../src/index.js';
import { startTestCluster, type TestCluster } from '../helpers/test-cluster.js';

// The waiters against the real server, whose runs go from running to succeeded in a second.
let cluster: TestCluster;
let client: ClusterClient;
beforeAll(async () => {
  cluster = await startTestCluster({ runSeconds: 1, apiRateLimit: 0 });
  client = cluster.client();
});
afterAll(() => cluster.close());

const waiting = { maxWaitMsecs: 20_000, minDelayMsecs: 200, maxDelayMsecs: 1_000 };

describe('waiters against the server', () => {
  it('waits for a v2 protection group run it started', async () => {
    const group = await client.protectionGroup.createProtectionGroup({
      name: 'waited-v2',
      environment: 'kPhysical',
      policyId: 'p',
    });
    const id = group.id ?? '';
    await client.protectionGroup.createProtectionGroupRun({ id, body: { runType: 'kRegular' } });
    const { runs } = await client.protectionGroup.getProtectionGroupRuns({ id, numRuns: 1 });
    const runId = runs?.[0]?.id ?? '';
    const run = await waitUntilProtectionGroupRunFinished({ client, ...waiting }, { id, runId });
    expect(run.localBackupInfo?.status).toBe('Succeeded');
  });

  it('waits for a v1 protection job run it started', async () => {
    // One record, two views: the v2 group is the v1 job.
    await client.protectionGroup.createProtectionGroup({ name: 'waited-v1', environment: 'kPhysical', policyId: 'p' });
    const [job] = await client.v1.protectionJobs.getProtectionJobs({ names: ['waited-v1'] });
    const jobId = job?.id ?? 0;
    await client.v1.protectionJobs.createRunProtectionJob({ id: jobId, body: {} });
    const [latest] = await client.v1.protectionRuns.getProtectionRuns({ jobId, numRuns: 1 });
    const jobRunId = latest?.backupRun?.jobRunId ?? 0;
    expect(latest?.backupRun?.status).toBe('kRunning');
    const run = await waitUntilProtectionJobRunFinished({ client, ...waiting }, { jobId, jobRunId });
    expect(run.backupRun?.status).toBe('kSuccess');
  });
});

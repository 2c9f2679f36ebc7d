import { describe, expect, it } from 'vitest';
import {
  type ClusterClient,
  WaiterFailureError,
  WaiterTimeoutError,
  waitUntilProtectionGroupRunFinished,
  waitUntilProtectionJobRunFinished,
  waitUntilRecoveryFinished,
  waitUntilRestoreTaskFinished,
} from '../../src/index.js';
import { waiterDelay } from '../../src/waiters/wait-until.js';
import { type FakeCluster, fakeClusterPerTest, json } from '../helpers/fake-cluster.js';

const fakes = fakeClusterPerTest();
let fake: FakeCluster | undefined;

/** A cluster whose run (or recovery) reports `statuses` one poll after another, then the last forever. */
async function clusterReporting(statuses: string[]): Promise<ClusterClient> {
  const started = await fakes.start((i, _request, response, received) => {
    const status = statuses[Math.min(i, statuses.length - 1)];
    const path = received.path;
    const body = path.includes('/recoveries/')
      ? { id: '1:2:3', status }
      : path.includes('/restore/tasks/')
        ? {
            id: 5,
            status,
            ...(status === 'kFinished' && statuses.includes('error') ? { error: { message: 'x' } } : {}),
          }
        : path.includes('/protectionRuns')
          ? [
              { jobId: 7, backupRun: { jobRunId: 3, status } },
              { jobId: 7, backupRun: { jobRunId: 2, status: 'kFailure' } },
            ]
          : { id: '7:1', protectionGroupId: '7', localBackupInfo: { status } };
    json(response, 200, body);
  });
  fake = started.fake;
  return started.client;
}

const fast = { minDelayMsecs: 5, maxDelayMsecs: 20 };

describe('waiters', () => {
  it('polls a protection group run until it succeeds, backing off', async () => {
    const c = await clusterReporting(['Accepted', 'Running', 'Running', 'Succeeded']);
    const run = await waitUntilProtectionGroupRunFinished(
      { client: c, maxWaitMsecs: 10_000, ...fast },
      { id: '7', runId: '7:1' },
    );
    expect(run.localBackupInfo?.status).toBe('Succeeded');
    expect(fake?.requests.map((r) => r.path)).toEqual(Array(4).fill('/v2/data-protect/protection-groups/7/runs/7%3A1'));
  });

  it('throws WaiterFailureError, with the last answer, when the run fails', async () => {
    const c = await clusterReporting(['Running', 'Failed']);
    const error = await waitUntilProtectionGroupRunFinished(
      { client: c, maxWaitMsecs: 10_000, ...fast },
      { id: '7', runId: '7:1' },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WaiterFailureError);
    expect(error).toMatchObject({ code: 'ERR_WAITER_FAILED', last: { localBackupInfo: { status: 'Failed' } } });
  });

  it('times out with WaiterTimeoutError while the recovery keeps running', async () => {
    const c = await clusterReporting(['Running']);
    const error = await waitUntilRecoveryFinished({ client: c, maxWaitMsecs: 150, ...fast }, { id: '1:2:3' }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(WaiterTimeoutError);
    expect(error).toMatchObject({ code: 'ERR_WAITER_TIMEOUT', last: { status: 'Running' } });
    expect(fake?.requests.length).toBeGreaterThan(1);
  });

  it('stops at once, with the signal’s reason, when aborted', async () => {
    const c = await clusterReporting(['Running']);
    const controller = new AbortController();
    const waiting = waitUntilRecoveryFinished(
      { client: c, maxWaitMsecs: 60_000, minDelayMsecs: 10_000, maxDelayMsecs: 10_000, signal: controller.signal },
      { id: '1:2:3' },
    );
    // Abort during the 10 s sleep that follows the first poll.
    while ((fake?.requests.length ?? 0) < 1) await new Promise((resolve) => setTimeout(resolve, 5));
    controller.abort(new Error('operator gave up'));
    await expect(waiting).rejects.toThrow('operator gave up');
    expect(fake?.requests).toHaveLength(1);
  });

  it('polls a v1 protection job run, picked by its jobRunId, until it succeeds', async () => {
    const c = await clusterReporting(['kAccepted', 'kRunning', 'kSuccess']);
    const run = await waitUntilProtectionJobRunFinished(
      { client: c, maxWaitMsecs: 10_000, ...fast },
      { jobId: 7, jobRunId: 3 },
    );
    expect(run.backupRun?.status).toBe('kSuccess');
    expect(fake?.requests.map((r) => r.path)).toEqual(
      Array(3).fill('/irisservices/api/v1/public/protectionRuns?jobId=7'),
    );
  });

  it('fails a v1 restore task that finished with an error, and times one out that keeps going', async () => {
    const failing = await clusterReporting(['kInProgress', 'kFinished', 'error']);
    const error = await waitUntilRestoreTaskFinished(
      { client: failing, maxWaitMsecs: 10_000, ...fast },
      { id: 5 },
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ERR_WAITER_FAILED', last: { status: 'kFinished', error: { message: 'x' } } });
    const running = await clusterReporting(['kInProgress']);
    const timeout = await waitUntilRestoreTaskFinished(
      { client: running, maxWaitMsecs: 150, ...fast },
      { id: 5 },
    ).catch((e: unknown) => e);
    expect(timeout).toBeInstanceOf(WaiterTimeoutError);
  });

  it('backs off as AWS waiters do: from the minimum, doubling, capped, with jitter', () => {
    expect([1, 2, 3, 4, 5].map((n) => waiterDelay(n, 2_000, 30_000, () => 1))).toEqual([
      2_000, 4_000, 8_000, 16_000, 30_000,
    ]);
    expect(waiterDelay(3, 2_000, 30_000, () => 0)).toBe(2_000);
  });
});

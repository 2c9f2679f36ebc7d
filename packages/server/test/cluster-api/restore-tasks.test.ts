import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer } from '../helpers/identity.js';
import { startTestServer, type TestServer } from '../helpers/start-server.js';

const V1 = '/irisservices/api/v1/public';
let t: TestServer;
// Runs that last, so that a cancel surely comes while the task runs.
let slow: TestServer;
let auth: Record<string, string>;
let headers: Record<string, string>;

interface RestoreTask {
  id: number;
  name: string;
  type?: string;
  status?: string;
  endTimeUsecs?: number;
}
interface Recovery {
  id: string;
  name: string;
  recoveryAction?: string;
  status?: string;
}

beforeAll(async () => {
  [t, slow] = await Promise.all([startTestServer({ runSeconds: 1 }), startTestServer({ runSeconds: 600 })]);
  const [fast, long] = await Promise.all([t.login(), slow.login()]);
  [auth, headers] = [bearer(fast), bearer(long)];
});
afterAll(() => Promise.all([t.close(), slow.close()]));

const task = (id: number) => t.send<RestoreTask>('GET', `${V1}/restore/tasks/${id}`, { headers: auth });

// A v1 restore task is a v2 recovery: v2's recovery id is `clusterId:incarnationId:` and the task's id.
describe('v1 restore tasks', () => {
  it('a v1 recover runs, then finishes, and v2 shows the same task as a recovery', async () => {
    const started = await t.send<RestoreTask>('POST', `${V1}/restore/recover`, {
      headers: auth,
      body: {
        name: 'recover-web-01',
        type: 'kRecoverVMs',
        objects: [{ jobId: 1, protectionSourceId: 2, environment: 'kVMware' }],
        vmwareParameters: null,
      },
    });
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({ name: 'recover-web-01', type: 'kRecoverVMs', status: 'kInProgress' });
    const { id } = started.body;
    expect(Number.isInteger(id)).toBe(true);

    await expect.poll(async () => (await task(id)).body.status, { timeout: 15_000, interval: 250 }).toBe('kFinished');
    expect((await task(id)).body.endTimeUsecs).toBeGreaterThan(0);
    const listed = await t.send<RestoreTask[]>('GET', `${V1}/restore/tasks?taskIds=${id}`, { headers: auth });
    expect(listed.body.map((x) => [x.id, x.status])).toEqual([[id, 'kFinished']]);

    const recoveries = await t.send<{ recoveries: Recovery[] }>('GET', '/v2/data-protect/recoveries', {
      headers: auth,
    });
    const same = recoveries.body.recoveries.find((r) => r.name === 'recover-web-01');
    expect(same).toMatchObject({ recoveryAction: 'RecoverVMs', status: 'Succeeded' });
    expect(same?.id.split(':').at(-1)).toBe(String(id));
    const one = await t.send<Recovery>('GET', `/v2/data-protect/recoveries/${encodeURIComponent(same?.id ?? '')}`, {
      headers: auth,
    });
    expect(one.body).toMatchObject({ name: 'recover-web-01', status: 'Succeeded' });
  });

  it('a v1 clone is a task too, and a v2 recovery is listed among v1 restore tasks', async () => {
    const clone = await t.send<RestoreTask>('POST', `${V1}/restore/clone`, {
      headers: auth,
      body: { name: 'clone-db-01', type: 'kCloneVMs', objects: [{ jobId: 1, protectionSourceId: 4 }] },
    });
    expect(clone.status).toBe(201);
    expect(clone.body).toMatchObject({ type: 'kCloneVMs', status: 'kInProgress' });
    const recovery = await t.send<Recovery>('POST', '/v2/data-protect/recoveries', {
      headers: auth,
      body: { name: 'v2-recovery', snapshotEnvironment: 'kVMware', recoveryAction: 'RecoverVMs' },
    });
    expect(recovery.status).toBe(201);
    const tasks = await t.send<RestoreTask[]>('GET', `${V1}/restore/tasks`, { headers: auth });
    const byName = new Map(tasks.body.map((x) => [x.name, x]));
    expect(byName.get('clone-db-01')?.id).toBe(clone.body.id);
    expect(byName.get('v2-recovery')).toMatchObject({ type: 'kRecoverVMs' });
    expect(String(byName.get('v2-recovery')?.id)).toBe(recovery.body.id.split(':').at(-1));
    await expect
      .poll(async () => (await task(clone.body.id)).body.status, { timeout: 15_000, interval: 250 })
      .toBe('kFinished');

    // Destroying the clone removes its task from both versions.
    expect((await t.send('DELETE', `${V1}/restore/clone/${clone.body.id}`, { headers: auth })).status).toBe(204);
    expect((await task(clone.body.id)).body).toMatchObject({ errorCode: 'KNotFound' });
  });

  it('refuses a restore without its required type, and a task that does not exist is 404', async () => {
    const before = (await t.send<RestoreTask[]>('GET', `${V1}/restore/tasks`, { headers: auth })).body.length;
    const refused = await t.send('POST', `${V1}/restore/recover`, { headers: auth, body: { name: 'no-type' } });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ errorCode: 'KValidationError' });
    expect((await t.send<RestoreTask[]>('GET', `${V1}/restore/tasks`, { headers: auth })).body).toHaveLength(before);
    const missing = await task(9999);
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ errorCode: 'KNotFound' });
  });
});

describe('cancelling a recovery', () => {
  it('ends a running task canceled, in v1 (kCancelled) and v2 (Canceled)', async () => {
    const v1Task = await slow.send<RestoreTask>('POST', `${V1}/restore/recover`, {
      headers,
      body: { name: 'to-cancel-v1', type: 'kRecoverVMs' },
    });
    expect(v1Task.body.status).toBe('kInProgress');
    expect((await slow.send('PUT', `${V1}/restore/tasks/cancel/${v1Task.body.id}`, { headers })).status).toBe(204);
    const v1After = await slow.send<RestoreTask>('GET', `${V1}/restore/tasks/${v1Task.body.id}`, { headers });
    expect(v1After.body.status).toBe('kCancelled');
    expect(v1After.body.endTimeUsecs).toBeGreaterThan(0);

    const v2Recovery = await slow.send<Recovery>('POST', '/v2/data-protect/recoveries', {
      headers,
      body: { name: 'to-cancel-v2', snapshotEnvironment: 'kVMware' },
    });
    const item = `/v2/data-protect/recoveries/${encodeURIComponent(v2Recovery.body.id)}`;
    expect((await slow.send('POST', `${item}/cancel`, { headers })).status).toBe(204);
    expect((await slow.send<Recovery>('GET', item, { headers })).body.status).toBe('Canceled');
    // v1 sees the same record canceled.
    const n = v2Recovery.body.id.split(':').at(-1);
    expect((await slow.send<RestoreTask>('GET', `${V1}/restore/tasks/${n}`, { headers })).body.status).toBe(
      'kCancelled',
    );
    const missing = await slow.send('PUT', `${V1}/restore/tasks/cancel/9999`, { headers });
    expect(missing.status).toBe(404);
  });
});

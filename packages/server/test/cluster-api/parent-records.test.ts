import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../../src/store/sql/sql.js';
import { bearer } from '../helpers/identity.js';
import { startTestServer, type TestServer } from '../helpers/start-server.js';

const V1 = '/irisservices/api/v1/public';
const GROUPS = '/v2/data-protect/protection-groups';
let t: TestServer;
let auth: Record<string, string>;

beforeAll(async () => {
  t = await startTestServer({ apiRateLimit: 0 });
  auth = bearer(await t.login());
});
afterAll(() => t.close());

/** Every stored record, as the resource table holds it: a refused request must not change it. */
const everyRecord = async () => {
  const rows = await t.server.store.runner.read(sql`SELECT collection, id, document FROM cluster_resources`);
  return rows.map((row) => `${String(row.collection)}/${String(row.id)} ${String(row.document)}`).sort();
};

function expectNotFound(response: { status: number; body: unknown }, what: string) {
  expect(response.status, what).toBe(404);
  expect(response.body, what).toMatchObject({ errorCode: 'KNotFound', message: expect.any(String) });
}

describe('an operation under a record that does not exist', () => {
  it('answers 404 KNotFound and stores nothing, in v2 and v1', async () => {
    const before = await everyRecord();
    const refused: [string, string, unknown][] = [
      // A nested create: a user quota of a view that is not there.
      ['POST', '/v2/file-services/views/9999/user-quotas', { userQuotas: [] }],
      ['GET', '/v2/file-services/views/9999/user-quotas', undefined],
      // Actions on a record's id: a recovery cancelled, a group run, a job's audit trail.
      ['POST', '/v2/data-protect/recoveries/1:1:9999/cancel', undefined],
      [
        'POST',
        `${GROUPS}/${t.server.clusterApi.cluster.id}:${t.server.clusterApi.cluster.incarnationId}:9999/runs`,
        { runType: 'kRegular' },
      ],
      ['GET', `${V1}/protectionJobs/9999/auditTrail`, undefined],
      // v1 names records below literal segments: `/views/id/{id}`, `/views/rename/{name}`.
      ['GET', `${V1}/views/id/9999`, undefined],
      ['POST', `${V1}/views/rename/no-such-view`, { newViewName: 'renamed' }],
      ['GET', `${V1}/views/no-such-view/fileLocks`, undefined],
    ];
    for (const [method, path, body] of refused) {
      expectNotFound(await t.send(method, path, { headers: auth, body }), `${method} ${path}`);
    }
    expect(await everyRecord()).toEqual(before);
  });

  it('answers as before once the record exists', async () => {
    const views = await t.send<{ views: { viewId: number; name: string }[] }>('GET', '/v2/file-services/views', {
      headers: auth,
    });
    const view = views.body.views[0];
    expect(view).toBeDefined();
    const quotas = await t.send('GET', `/v2/file-services/views/${view?.viewId}/user-quotas`, { headers: auth });
    expect(quotas.status, quotas.text).toBe(200);
    expect((await t.send('GET', `${V1}/views/id/${view?.viewId}`, { headers: auth })).status).toBe(200);
    const locks = await t.send('GET', `${V1}/views/${encodeURIComponent(view?.name ?? '')}/fileLocks`, {
      headers: auth,
    });
    expect(locks.status).toBe(200);
    const recovery = await t.send<{ id: string }>('POST', '/v2/data-protect/recoveries', {
      headers: auth,
      body: { name: 'to-cancel', snapshotEnvironment: 'kVMware' },
    });
    const cancel = await t.send('POST', `/v2/data-protect/recoveries/${encodeURIComponent(recovery.body.id)}/cancel`, {
      headers: auth,
    });
    expect(cancel.status).toBe(204);
  });
});

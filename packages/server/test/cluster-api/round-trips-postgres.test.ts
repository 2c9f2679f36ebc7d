import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminQuery, dropSchema, postgresReachable, uniqueSchema, urlWithSchema } from '../helpers/postgres.js';
import { startTestServer, type TestServer } from '../helpers/start-server.js';
import { collectionsWithCreate, createOne, inBatches, readBack, roundTrip } from './round-trips.js';

const reachable = await postgresReachable('cluster API round trips on PostgreSQL');
const schema = uniqueSchema('cluster_api');
const ADMIN_PASSWORD = randomUUID();
const config = () => ({ adminPassword: ADMIN_PASSWORD, apiRateLimit: 0, databaseUrl: urlWithSchema(schema) });
let t: TestServer;
let token: string;

describe.runIf(reachable)('every collection with a create, on PostgreSQL', () => {
  beforeAll(async () => {
    await adminQuery(`CREATE SCHEMA ${schema}`);
    t = await startTestServer(config());
    token = await t.login();
  });
  afterAll(async () => {
    await t?.close();
    await dropSchema(schema);
  });

  it('creates, reads back, lists, updates and deletes (then 404 KNotFound)', async () => {
    const failures = (await inBatches(collectionsWithCreate(t), (c) => roundTrip(t, token, c))).flat();
    expect(failures).toEqual([]);
  }, 120_000);

  it('refuses a NUL character, which PostgreSQL cannot keep, as SQLite does: 400, not 5xx', async () => {
    const headers = { authorization: `Bearer ${token}` };
    const body = { name: 'a\u0000b', policyId: '1:1:1', viewBoxId: 1, sourceSpecialParameters: [] };
    const created = await t.send('POST', '/irisservices/api/v1/public/protectionJobs', { headers, body });
    expect(created.status).toBe(400);
    const nested = await t.send('GET', '/v2/data-protect/protection-groups/a%00b', { headers });
    expect(nested.status).toBe(400);
  });

  it('keeps every record across a restart, with ids that go on from where they were', async () => {
    const created = await inBatches(collectionsWithCreate(t), (c) => createOne(t, token, c));
    await t.close();
    t = await startTestServer(config());
    token = await t.login();
    const failures = (await inBatches(created, (c) => readBack(t, token, c))).filter(Boolean);
    expect(failures).toEqual([]);
    const first = created.find((c) => c.collection.create.version === 'v1');
    if (!first) throw new Error('no v1 collection');
    const again = await createOne(t, token, first.collection);
    expect(created.map((c) => c.path)).not.toContain(again.path);
  }, 120_000);
});

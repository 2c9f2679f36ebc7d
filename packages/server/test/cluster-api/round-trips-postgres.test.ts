import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminQuery, dropSchema, postgresReachable, uniqueSchema, urlWithSchema } from '../helpers/postgres.js';
import { startTestServer, type TestServer } from '../helpers/start-server.js';
import { collectionsWithCreate, createOne, readBack, roundTrip } from './round-trips.js';

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
    const failures = (await Promise.all(collectionsWithCreate(t).map((c) => roundTrip(t, token, c)))).flat();
    expect(failures).toEqual([]);
  }, 120_000);

  it('keeps every record across a restart, with ids that go on from where they were', async () => {
    const created = await Promise.all(collectionsWithCreate(t).map((c) => createOne(t, token, c)));
    await t.close();
    t = await startTestServer(config());
    token = await t.login();
    const failures = (await Promise.all(created.map((c) => readBack(t, token, c)))).filter(Boolean);
    expect(failures).toEqual([]);
    const first = created.find((c) => c.collection.create.version === 'v1');
    if (!first) throw new Error('no v1 collection');
    const again = await createOne(t, token, first.collection);
    expect(created.map((c) => c.path)).not.toContain(again.path);
  }, 120_000);
});

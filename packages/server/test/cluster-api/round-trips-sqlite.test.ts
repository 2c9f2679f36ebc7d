import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/start-server.js';
import { collectionsWithCreate, createOne, inBatches, readBack, roundTrip } from './round-trips.js';

const ADMIN_PASSWORD = randomUUID();
let t: TestServer;
let token: string;
beforeAll(async () => {
  t = await startTestServer({ adminPassword: ADMIN_PASSWORD, apiRateLimit: 0 });
  token = await t.login();
});
afterAll(() => t.close());

describe('every collection with a create, on SQLite', () => {
  it('creates, reads back, lists, updates and deletes (then 404 KNotFound)', async () => {
    const collections = collectionsWithCreate(t);
    expect(collections.length).toBeGreaterThan(50);
    const failures = (await inBatches(collections, (c) => roundTrip(t, token, c))).flat();
    expect(failures).toEqual([]);
  }, 120_000);

  it('keeps every record across a restart', async () => {
    const created = await inBatches(collectionsWithCreate(t), (c) => createOne(t, token, c));
    await t.close({ removeData: false });
    t = await startTestServer({ adminPassword: ADMIN_PASSWORD, apiRateLimit: 0, dataDir: t.dataDir });
    token = await t.login();
    const failures = (await inBatches(created, (c) => readBack(t, token, c))).filter(Boolean);
    expect(failures).toEqual([]);
  }, 120_000);
});

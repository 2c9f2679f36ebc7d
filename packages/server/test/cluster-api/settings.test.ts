import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../../src/store/sql/sql.js';
import { bearer, randomAdminPassword } from '../helpers/identity.js';
import { adminQuery, dropSchema, postgresReachable, uniqueSchema, urlWithSchema } from '../helpers/postgres.js';
import { startTestServer, type TestServer } from '../helpers/start-server.js';
import { STORES } from '../helpers/store-server.js';

const V1 = '/irisservices/api/v1/public';
const reachable = await postgresReachable('cluster API settings on PostgreSQL');
const SMTP_PASSWORD = 'smtp-Secret-4417';
const AMQP_PASSWORD = 'amqp-Secret-5521';
const SOURCE_PASSWORD = 'source-Secret-6630';

/** Settings paths of both documents (a GET and a PUT or PATCH, no create): what is written, what is read back. */
const WRITES = [
  {
    method: 'PUT',
    path: '/v2/clusters/smtp',
    body: { hostname: 'smtp.example.com', port: 587, useSSL: true, username: 'mailer', password: SMTP_PASSWORD },
    shown: { hostname: 'smtp.example.com', port: 587, useSSL: true, username: 'mailer' },
  },
  {
    method: 'PUT',
    path: '/v2/support-channel-config',
    body: { isEnabled: true, endTimeUsecs: 1_900_000_000_000_000 },
    shown: { isEnabled: true, endTimeUsecs: 1_900_000_000_000_000 },
  },
  {
    method: 'PATCH',
    path: '/v2/chassis/1',
    body: { name: 'chassis-a', serialNumber: null },
    shown: { name: 'chassis-a' },
  },
  {
    method: 'PUT',
    path: `${V1}/banners`,
    body: { content: 'Maintenance on Friday', description: null },
    shown: { content: 'Maintenance on Friday' },
  },
  {
    method: 'PUT',
    path: `${V1}/externalClientSubnets`,
    body: { clientSubnets: [{ ip: '10.1.0.0', netmaskBits: 16 }] },
    shown: { clientSubnets: [{ ip: '10.1.0.0', netmaskBits: 16 }] },
  },
] as const;

describe.each(STORES)('settings paths on %s', (_store, onPostgres) => {
  const adminPassword = randomAdminPassword();
  const schema = onPostgres ? uniqueSchema('settings') : undefined;
  const database = schema ? { databaseUrl: urlWithSchema(schema) } : {};
  // Two nodes of one cluster on PostgreSQL; on SQLite, one (it owns its file).
  let first: TestServer;
  let other: TestServer | undefined;
  let auth: Record<string, string>;
  const read = (t: TestServer, path: string) => t.send<Record<string, unknown>>('GET', path, { headers: auth });

  beforeAll(async () => {
    if (onPostgres && !reachable) return;
    if (schema) await adminQuery(`CREATE SCHEMA ${schema}`);
    first = await startTestServer({ adminPassword, apiRateLimit: 0, ...database });
    auth = bearer(await first.login());
    if (schema) other = await startTestServer({ adminPassword, ...database });
  });
  afterAll(async () => {
    await other?.close();
    await first?.close();
    if (schema) await dropSchema(schema);
  });

  describe.skipIf(onPostgres && !reachable)('a write', () => {
    it('is stored and read back (by every node), a refused one changes nothing', async () => {
      const defaults = await Promise.all(WRITES.map((w) => read(first, w.path)));
      for (const [i, write] of WRITES.entries()) {
        expect(defaults[i]?.status, write.path).toBe(200);
        expect(defaults[i]?.body, write.path).not.toMatchObject(write.shown);
        const written = await first.send(write.method, write.path, { headers: auth, body: write.body });
        expect(written.status, `${write.path} ${written.text}`).toBe(200);
      }
      for (const reader of [first, other ?? first]) {
        for (const write of WRITES)
          expect((await read(reader, write.path)).body, write.path).toMatchObject(write.shown);
      }
      // A settings document per path parameter.
      expect((await read(first, '/v2/chassis/2')).body.name).not.toBe('chassis-a');
      // A body the document refuses (a port that is no integer) changes nothing.
      const refused = await first.send('PUT', '/v2/clusters/smtp', {
        headers: auth,
        body: { hostname: 'other.example.com', port: 'twenty-five' },
      });
      expect(refused.status).toBe(400);
      expect(refused.body).toMatchObject({ errorCode: 'KValidationError' });
      expect((await read(first, '/v2/clusters/smtp')).body).toMatchObject(WRITES[0].shown);
    });

    it('keeps no credential (nor answers one), and DELETE goes back to the default', async () => {
      const smtp = await read(first, '/v2/clusters/smtp');
      expect(smtp.text).not.toContain(SMTP_PASSWORD);
      // The AMQP GET shows a password field: the written one is still not kept.
      await first.send('PUT', '/v2/clusters/amqp-target-config', {
        headers: auth,
        body: { serverIp: '10.0.0.9', username: 'amqp', password: AMQP_PASSWORD, virtualHost: '/' },
      });
      const amqp = await read(first, '/v2/clusters/amqp-target-config');
      expect(amqp.body).toMatchObject({ serverIp: '10.0.0.9', username: 'amqp' });
      expect(amqp.text).not.toContain(AMQP_PASSWORD);
      // Nor does a record: a source registered with its password.
      const source = await first.send('POST', `${V1}/protectionSources/register`, {
        headers: auth,
        body: { environment: 'kPhysical', endpoint: 'db-7.example.com', username: 'root', password: SOURCE_PASSWORD },
      });
      expect(source.status, source.text).toBe(201);
      expect(source.text).not.toContain(SOURCE_PASSWORD);
      const rows = await first.server.store.runner.read(sql`SELECT document FROM cluster_resources`);
      for (const secret of [SMTP_PASSWORD, AMQP_PASSWORD, SOURCE_PASSWORD])
        expect(JSON.stringify(rows)).not.toContain(secret);
      expect((await first.send('DELETE', '/v2/clusters/amqp-target-config', { headers: auth })).status).toBe(204);
      expect((await read(first, '/v2/clusters/amqp-target-config')).body.serverIp).not.toBe('10.0.0.9');
      // Another settings path keeps what was written to it.
      expect((await read(first, '/v2/clusters/smtp')).body).toMatchObject(WRITES[0].shown);
    });

    it('survives a restart of every node', async () => {
      await other?.close();
      other = undefined;
      await first.close({ removeData: false });
      first = await startTestServer({ adminPassword, dataDir: first.dataDir, ...database });
      auth = bearer(await first.login());
      for (const write of WRITES) expect((await read(first, write.path)).body, write.path).toMatchObject(write.shown);
    });
  });
});

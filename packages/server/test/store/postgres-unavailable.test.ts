import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../helpers/eventually.js';
import {
  adminQuery,
  dropSchema,
  postgresReachable,
  TEST_DATABASE_URL,
  uniqueSchema,
  urlWithSchema,
} from '../helpers/postgres.js';
import { startTestServer, type TestServer } from '../helpers/start-server.js';
import { startTcpProxy, type TcpProxy } from '../helpers/tcp-proxy.js';

const reachable = await postgresReachable('PostgreSQL outage');

describe.skipIf(!reachable)('a node whose PostgreSQL goes away', () => {
  const schema = uniqueSchema('outage');
  let proxy: TcpProxy;
  let t: TestServer;
  let token: string;

  beforeAll(async () => {
    await adminQuery(`CREATE SCHEMA ${schema}`);
    const target = new URL(TEST_DATABASE_URL);
    proxy = await startTcpProxy(target.hostname, Number(target.port || 5432));
    const url = new URL(urlWithSchema(schema));
    url.host = `127.0.0.1:${proxy.port}`;
    url.searchParams.set('application_name', schema);
    t = await startTestServer({ databaseUrl: url.toString() });
    token = await t.login();
  });
  afterAll(async () => {
    await t?.close();
    await proxy?.close();
    await dropSchema(schema);
  });

  it('answers 503 with the contract Error and Retry-After, /readyz says the database is down, /healthz that the node is alive', async () => {
    await proxy.cut();

    const ready = await t.send('GET', '/readyz');
    expect(ready.status).toBe(503);
    expect(ready.body).toEqual({ status: 'unavailable', database: 'down', migrations: 'done', store: 'postgres' });
    expect((await t.send('GET', '/healthz')).status).toBe(200);

    const login = await t.send('POST', '/v2/access-tokens', {
      body: { username: 'admin', password: 'admin', domain: 'LOCAL' },
    });
    expect(login.status).toBe(503);
    expect(login.headers['retry-after']).toBe('1');
    expect(login.body).toEqual({
      errorCode: 'KServiceUnavailable',
      message: 'The database is unavailable; retry shortly',
    });

    const withToken = await t.send('GET', '/v2/clusters', { headers: { authorization: `Bearer ${token}` } });
    expect(withToken.status).toBe(503);
    expect(withToken.body).toMatchObject({ errorCode: 'KServiceUnavailable' });
  });

  it('recovers by itself when the database returns: health, logins and old tokens work again', async () => {
    await proxy.restore();
    await eventually(async () => (await t.send('GET', '/readyz')).status === 200, 10_000);
    expect((await t.send('GET', '/v2/clusters', { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    const fresh = await t.login();
    expect((await t.send('GET', '/v2/clusters', { headers: { authorization: `Bearer ${fresh}` } })).status).toBe(200);
    expect((await t.server.store.listAudit({ limit: 1, action: 'login' }))[0]?.outcome).toBe('success');
  });

  it('survives its idle connections being killed by the server, and reconnects', async () => {
    // Only this node's connections (tagged by application_name), never another test's.
    const killed = await adminQuery(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1 AND state = 'idle'",
      [schema],
    );
    expect(killed.length).toBeGreaterThan(0);
    await eventually(async () => (await t.send('GET', '/readyz')).status === 200, 10_000);
    expect((await t.send('GET', '/v2/clusters', { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSigningKey, TokenService } from '../../src/auth/tokens.js';
import type { Store, UserRecord } from '../../src/store/store.js';
import { CLUSTER_KEY_ENCRYPTION_KEY } from '../helpers/cluster-key.js';
import { adminQuery, dropSchema, postgresReachable, uniqueSchema, urlWithSchema } from '../helpers/postgres.js';
import { startTestServer, type TestServer } from '../helpers/start-server.js';

const reachable = await postgresReachable('store selection (PostgreSQL)');

describe('store selection', () => {
  it('uses the embedded SQLite store without --database-url', async () => {
    const t = await startTestServer();
    try {
      expect(t.server.store.kind).toBe('sqlite');
      const health = await t.send('GET', '/healthz');
      expect(health.status).toBe(200);
      expect(health.body).toEqual({ status: 'ok', store: 'sqlite', faults: 'off' });
      const ready = await t.send('GET', '/readyz');
      expect(ready.status).toBe(200);
      expect(ready.body).toEqual({ status: 'ready', database: 'up', migrations: 'done', store: 'sqlite' });
    } finally {
      await t.close();
    }
  });

  describe.skipIf(!reachable)('with --database-url postgres://…', () => {
    const schema = uniqueSchema('select');
    let nodes: TestServer[] = [];
    beforeAll(async () => {
      await adminQuery(`CREATE SCHEMA ${schema}`);
      // Three nodes starting at once on an empty schema: migrations, bootstrap and the
      // first signing key all race.
      nodes = await Promise.all([1, 2, 3].map(() => startTestServer({ databaseUrl: urlWithSchema(schema) })));
    });
    afterAll(async () => {
      await Promise.all(nodes.map((n) => n.close()));
      await dropSchema(schema);
    });

    it('uses PostgreSQL, and says so on /readyz', async () => {
      for (const node of nodes) {
        expect(node.server.store.kind).toBe('postgres');
        const health = await node.send('GET', '/readyz');
        expect(health.status).toBe(200);
        expect(health.body).toEqual({ status: 'ready', database: 'up', migrations: 'done', store: 'postgres' });
      }
    });

    it('makes one cluster identity and one admin when three nodes start together', async () => {
      const store = nodes[0]?.server.store;
      expect((await store?.listUsers({ usernames: ['admin'] }))?.length).toBe(1);
      const identity = await store?.getSetting('clusterIdentity');
      for (const node of nodes) expect(await node.server.store.getSetting('clusterIdentity')).toEqual(identity);
    });

    it('accepts a token from any node on every node, however many signing keys the race made', async () => {
      const tokens = await Promise.all(nodes.map((n) => n.login()));
      for (const token of tokens) {
        for (const node of nodes) {
          const response = await node.send<{ id: number }>('GET', '/v2/clusters', {
            headers: { authorization: `Bearer ${token}` },
          });
          expect(response.status).toBe(200);
          expect(response.body.id).toBe((await node.server.store.getSetting('clusterIdentity'))?.id);
        }
      }
      expect((await nodes[0]?.server.store.listSigningKeys())?.length).toBeGreaterThanOrEqual(1);
    });

    it('accepts a token signed with a key another node added after these nodes started', async () => {
      const store = nodes[0]?.server.store as Store;
      const options = { keyEncryptionKey: Buffer.from(CLUSTER_KEY_ENCRYPTION_KEY, 'base64url'), rotationDays: 0 };
      await store.addSigningKey(await createSigningKey(options.keyEncryptionKey, Date.now() + 1));
      const newNode = await TokenService.open(store, options);
      const admin = (await store.findUser('admin', 'LOCAL')) as UserRecord;
      const token = await newNode.issue(admin, 60);
      for (const node of nodes) {
        const response = await node.send('GET', '/v2/clusters', { headers: { authorization: `Bearer ${token}` } });
        expect(response.status).toBe(200);
      }
    });
  });
});

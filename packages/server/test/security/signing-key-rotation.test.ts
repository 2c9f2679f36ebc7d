import { decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createUser, randomAdminPassword, STRONG_PASSWORD } from '../helpers/identity.js';
import { adminQuery, dropSchema, postgresReachable, uniqueSchema, urlWithSchema } from '../helpers/postgres.js';
import { type ServerNode, startNode } from '../helpers/start-node.js';

const reachable = await postgresReachable('signing key rotation on two nodes');
const kidOf = (token: string) => decodeProtectedHeader(token).kid;

// Two server processes on one PostgreSQL schema, as a two-node cluster runs.
describe.skipIf(!reachable)('signing key rotation across two nodes', () => {
  const schema = uniqueSchema('rotation');
  const password = randomAdminPassword();
  let one: ServerNode;
  let two: ServerNode;

  beforeAll(async () => {
    await adminQuery(`CREATE SCHEMA ${schema}`);
    one = await startNode(urlWithSchema(schema), password, ['--login-rate-limit', '0']);
    two = await startNode(urlWithSchema(schema), password, ['--login-rate-limit', '0']);
  }, 60_000);
  afterAll(async () => {
    await Promise.all([one?.kill(), two?.kill()]);
    await dropSchema(schema);
  });

  const status = async (node: ServerNode, token: string) =>
    (await node.send('GET', '/v2/clusters', { headers: bearer(token) })).status;

  it('keeps tokens of the old key valid on both nodes, and both sign with the new key after', async () => {
    const old = await one.login('admin', password);
    const fromTwo = await two.login('admin', password);
    const rotated = await one.send<{ kid: string }>('POST', '/v2/signing-keys/rotate', { headers: bearer(old) });
    expect(rotated.status).toBe(200);
    expect(rotated.body.kid).not.toBe(kidOf(old));

    const fresh = await one.login('admin', password);
    expect(kidOf(fresh)).toBe(rotated.body.kid);
    // The other node meets the new key in a token and signs with it from then on.
    expect(await status(two, fresh)).toBe(200);
    const freshFromTwo = await two.login('admin', password);
    expect(kidOf(freshFromTwo)).toBe(rotated.body.kid);

    for (const token of [old, fromTwo, fresh, freshFromTwo]) {
      expect([await status(one, token), await status(two, token)]).toEqual([200, 200]);
    }
  });

  it('lets only holders of CLUSTER_MODIFY rotate', async () => {
    const admin = await one.login('admin', password);
    await createUser(one, admin, 'watcher');
    const viewer = await two.login('watcher', STRONG_PASSWORD);
    const refused = await two.send('POST', '/v2/signing-keys/rotate', { headers: bearer(viewer) });
    expect(refused.status).toBe(403);
    expect((await two.send('POST', '/v2/signing-keys/rotate')).status).toBe(401);
  });
});

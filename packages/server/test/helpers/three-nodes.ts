import type { CreatedUserApiKey, Role, Session, User, Users } from 'cohesity-sdk/models';
import { expect } from 'vitest';
import { eventually } from './eventually.js';
import type { TestResponse } from './https-client.js';
import { STRONG_PASSWORD } from './identity.js';
import { adminQuery, dropSchema, uniqueSchema, urlWithSchema } from './postgres.js';
import { withSessionManagement } from './session-management.js';
import { type ServerNode, startNode } from './start-node.js';

export type NodeNumber = 1 | 2 | 3;
export const ADMIN_PASSWORD = 'Admin-password-1';

// Every request here comes from 127.0.0.1, so the per-IP limits (per node) would meter the
// test rather than the nodes: off.
const NODE_ARGS = ['--login-rate-limit', '0', '--api-rate-limit', '0'];

/** Three `dist/main.js` processes on one fresh PostgreSQL schema, and admin calls through them. */
export interface ThreeNodes {
  node(n: NodeNumber): ServerNode;
  /** An admin token from node 1. */
  readonly adminToken: string;
  /** `POST /v2/users` as admin on node `n`; throws unless 201. */
  createUser(n: NodeNumber, username: string, roles?: Role[]): Promise<User>;
  /** `POST /v2/users/{sid}/api-keys` as admin on node `n`; throws unless 201. */
  createKey(n: NodeNumber, userSid: string, name: string): Promise<CreatedUserApiKey>;
  /** `POST /v2/users/sessions` on node `n`; throws unless 201. */
  openSession(n: NodeNumber, username: string, password?: string): Promise<string>;
  /** `GET /v2/clusters` with `headers` on node `n`: its status. */
  statusOn(n: NodeNumber, headers: Record<string, string>): Promise<number>;
  close(): Promise<void>;
}

const created = <T>(response: TestResponse<T>, what: string): T => {
  if (response.status !== 201) throw new Error(`${what}: ${response.status} ${response.text}`);
  return response.body;
};

export async function startThreeNodes(): Promise<ThreeNodes> {
  const schema = uniqueSchema('nodes');
  await adminQuery(`CREATE SCHEMA ${schema}`);
  const nodes = await Promise.all(
    ([1, 2, 3] as const).map(() => startNode(urlWithSchema(schema), ADMIN_PASSWORD, NODE_ARGS)),
  );
  const node = (n: NodeNumber) => nodes[n - 1] as ServerNode;
  const adminToken = await node(1).login('admin', ADMIN_PASSWORD);
  const asAdmin = { authorization: `Bearer ${adminToken}` };
  return {
    node,
    adminToken,
    async createUser(n, username, roles = ['COHESITY_VIEWER']) {
      const response = await node(n).send<Users>('POST', '/v2/users', {
        headers: asAdmin,
        body: [{ username, domain: 'LOCAL', roles, localUserParams: { password: STRONG_PASSWORD } }],
      });
      return created(response, `create user ${username} on node ${n}`).users[0] as User;
    },
    async createKey(n, userSid, name) {
      const response = await node(n).send<CreatedUserApiKey>('POST', `/v2/users/${userSid}/api-keys`, {
        headers: asAdmin,
        body: { name },
      });
      return created(response, `create key ${name} on node ${n}`);
    },
    async openSession(n, username, password = STRONG_PASSWORD) {
      const response = await withSessionManagement(node(n), asAdmin, () =>
        node(n).send<Session>('POST', '/v2/users/sessions', { body: { username, password, domain: 'LOCAL' } }),
      );
      return created(response, `session for ${username} on node ${n}`).sessionId;
    },
    async statusOn(n, headers) {
      return (await node(n).send('GET', '/v2/clusters', { headers })).status;
    },
    async close() {
      await Promise.all(nodes.map((n) => n.kill()));
      await dropSchema(schema);
    },
  };
}

/**
 * Waits until `headers` get 401 on every node, and expects each to within 1 s of `sinceMs`
 * (when the revoking request was answered). Prints what it saw: the latency is the finding.
 */
export async function expectRevokedEverywhere(
  cluster: ThreeNodes,
  label: string,
  headers: Record<string, string>,
  sinceMs: number,
): Promise<void> {
  const latencies = await Promise.all(
    ([1, 2, 3] as const).map(async (n) => {
      await eventually(async () => (await cluster.statusOn(n, headers)) === 401, 5_000);
      return Date.now() - sinceMs;
    }),
  );
  console.log(`${label}: 401 on nodes 1, 2, 3 after ${latencies.join(', ')} ms`);
  for (const ms of latencies) expect(ms).toBeLessThan(1_000);
}

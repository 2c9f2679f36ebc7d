import type { Role } from 'cohesity-sdk/models';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createUser, STRONG_PASSWORD } from '../helpers/identity.js';
import { startTestServer, type TestServer } from '../helpers/start-server.js';

let t: TestServer;
const auth: Record<string, Record<string, string>> = {};
let adminSid: string;
let targetSid: string;
beforeAll(async () => {
  t = await startTestServer();
  const adminToken = await t.login();
  auth.admin = bearer(adminToken);
  const roles: [string, Role][] = [
    ['viewer', 'COHESITY_VIEWER'],
    ['operator', 'COHESITY_OPERATOR'],
  ];
  for (const [name, role] of roles) {
    await createUser(t, adminToken, name, [role]);
    auth[name] = bearer(await t.login(name, STRONG_PASSWORD));
  }
  adminSid = (await t.server.store.findUser('admin', 'LOCAL'))?.sid ?? '';
  targetSid = (await createUser(t, adminToken, 'target')).sid;
});
afterAll(() => t.close());

type Who = 'admin' | 'viewer' | 'operator';
interface Case {
  method: string;
  name: string;
  path: () => string;
  body?: () => unknown;
  /** What each role gets; 403s must name `privilege`. */
  expect: Record<Who, number>;
  privilege?: string;
}

let counter = 0;
const cases: Case[] = [
  { method: 'GET', name: '/v2/users', path: () => '/v2/users', expect: { admin: 200, viewer: 200, operator: 200 } },
  {
    method: 'GET',
    name: '/v2/users/{sid}',
    path: () => `/v2/users/${targetSid}`,
    expect: { admin: 200, viewer: 200, operator: 200 },
  },
  {
    method: 'POST',
    name: '/v2/users',
    path: () => '/v2/users',
    body: () => [
      { username: `matrix${++counter}`, roles: ['COHESITY_VIEWER'], localUserParams: { password: STRONG_PASSWORD } },
    ],
    expect: { admin: 201, viewer: 403, operator: 403 },
    privilege: 'PRINCIPAL_MODIFY',
  },
  {
    method: 'PUT',
    name: '/v2/users/{sid}',
    path: () => `/v2/users/${targetSid}`,
    body: () => ({ description: 'changed' }),
    expect: { admin: 200, viewer: 403, operator: 403 },
    privilege: 'PRINCIPAL_MODIFY',
  },
  {
    method: 'POST',
    name: '/v2/users/{sid}/api-keys',
    path: () => `/v2/users/${adminSid}/api-keys`,
    body: () => ({ name: 'for-admin' }),
    expect: { admin: 201, viewer: 403, operator: 403 },
    privilege: 'PRINCIPAL_MODIFY',
  },
  {
    method: 'GET',
    name: '/v2/api-keys',
    path: () => '/v2/api-keys',
    expect: { admin: 200, viewer: 200, operator: 200 },
  },
  {
    method: 'GET',
    name: '/v2/users/sessions',
    path: () => '/v2/users/sessions',
    expect: { admin: 200, viewer: 200, operator: 200 },
  },
  {
    method: 'DELETE',
    name: '/v2/users/sessions?sid={sid}',
    path: () => `/v2/users/sessions?sid=${targetSid}`,
    expect: { admin: 204, viewer: 403, operator: 403 },
    privilege: 'PRINCIPAL_MODIFY',
  },
  {
    method: 'GET',
    name: '/v2/security-config',
    path: () => '/v2/security-config',
    expect: { admin: 200, viewer: 200, operator: 200 },
  },
  {
    method: 'PUT',
    name: '/v2/security-config',
    path: () => '/v2/security-config',
    body: () => ({ authTokenTimeoutMinutes: 1440 }),
    expect: { admin: 200, viewer: 403, operator: 403 },
    privilege: 'CLUSTER_MODIFY',
  },
  {
    method: 'POST',
    name: '/v2/signing-keys/rotate',
    path: () => '/v2/signing-keys/rotate',
    expect: { admin: 200, viewer: 403, operator: 403 },
    privilege: 'CLUSTER_MODIFY',
  },
  {
    method: 'GET',
    name: '/v2/audit-logs',
    path: () => '/v2/audit-logs',
    expect: { admin: 200, viewer: 403, operator: 403 },
    privilege: 'CLUSTER_AUDIT',
  },
  {
    method: 'GET',
    name: '/v2/clusters',
    path: () => '/v2/clusters',
    expect: { admin: 200, viewer: 200, operator: 200 },
  },
];

describe('privilege matrix', () => {
  for (const c of cases) {
    for (const who of ['admin', 'viewer', 'operator'] as const) {
      it(`${c.method} ${c.path
        .toString()
        .match(/'([^']+)'|`([^`]+)`/)
        ?.slice(1)
        .find(Boolean)} answers ${who} ${c.expect[who]}`, async () => {
        const response = await t.send<{ errorCode?: string; message?: string }>(c.method, c.path(), {
          headers: auth[who] ?? {},
          ...(c.body ? { body: c.body() } : {}),
        });
        expect(response.status).toBe(c.expect[who]);
        if (c.expect[who] === 403) {
          expect(response.body.errorCode).toBe('KPrivilegeError');
          expect(response.body.message).toContain(c.privilege);
        }
      });
    }
  }

  it('refuses DELETE /v2/users/{sid} to viewer and operator, and the user survives', async () => {
    for (const who of ['viewer', 'operator']) {
      const response = await t.send('DELETE', `/v2/users/${targetSid}`, { headers: auth[who] ?? {} });
      expect(response.status).toBe(403);
    }
    expect(await t.server.store.getUser(targetSid)).toBeDefined();
    expect((await t.send('DELETE', `/v2/users/${targetSid}`, { headers: auth.admin ?? {} })).status).toBe(204);
  });

  it('answers 401 without credentials on every protected route', async () => {
    for (const c of cases) expect((await t.send(c.method, c.path())).status).toBe(401);
  });

  it('grants a login the privileges of the role table', async () => {
    const login = await t.send<{ privileges: string[] }>('POST', '/v2/access-tokens', {
      body: { username: 'operator', password: STRONG_PASSWORD },
    });
    expect(login.body.privileges).toEqual(
      expect.arrayContaining(['CLUSTER_VIEW', 'PROTECTION_JOB_OPERATE', 'RESTORE_MODIFY']),
    );
    expect(login.body.privileges).not.toContain('PRINCIPAL_MODIFY');
  });
});

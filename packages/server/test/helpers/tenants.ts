import type { CreatedUserApiKey, TenantV1, Users } from 'cohesity-sdk/models';
import { expect } from 'vitest';
import { bearer, STRONG_PASSWORD } from './identity.js';
import type { TestServer } from './start-server.js';

export const IMPERSONATE = 'x-impersonate-tenant-id';

/** A tenant user with a token and an API key, created by an administrator impersonating the tenant. */
export interface TenantUser {
  sid: string;
  token: string;
  key: string;
  username: string | undefined;
}

/** Creates tenant `orgSuffix/` (v1, 201). */
export async function createTenant(t: TestServer, admin: Record<string, string>, name: string, orgSuffix: string) {
  const created = await t.send<TenantV1>('POST', '/irisservices/api/v1/public/tenants', {
    headers: admin,
    body: { name, orgSuffix },
  });
  expect(created.status).toBe(201);
  return created.body;
}

/** Creates `name` in the tenant by impersonating it, logs in as `login` and makes an API key. */
export async function createTenantUser(
  t: TestServer,
  admin: Record<string, string>,
  tenantId: string,
  name: string,
  login: string,
): Promise<TenantUser> {
  const created = await t.send<Users>('POST', '/v2/users', {
    headers: { ...admin, [IMPERSONATE]: tenantId },
    body: [{ username: name, roles: ['COHESITY_ADMIN'], localUserParams: { password: STRONG_PASSWORD } }],
  });
  expect(created.status).toBe(201);
  const sid = created.body.users[0]?.sid ?? '';
  const token = await t.login(login, STRONG_PASSWORD, 'local');
  const key = await t.send<CreatedUserApiKey>('POST', `/v2/users/${sid}/api-keys`, {
    headers: bearer(token),
    body: { name: `${name}-key` },
  });
  expect(key.status).toBe(201);
  return { sid, token, key: key.body.apiKey, username: created.body.users[0]?.username };
}

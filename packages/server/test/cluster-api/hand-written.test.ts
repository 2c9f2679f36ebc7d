import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, STRONG_PASSWORD } from '../helpers/identity.js';
import { withSessionManagement } from '../helpers/session-management.js';
import { startTestServer, type TestServer } from '../helpers/start-server.js';
import { declaredSuccess, documentOperations, PREFIX, schemaErrors, type Version } from './documents.js';

const ADMIN_PASSWORD = randomUUID();
let t: TestServer;
let auth: Record<string, string>;

beforeAll(async () => {
  t = await startTestServer({ adminPassword: ADMIN_PASSWORD, loginRateLimit: 0 });
  auth = bearer(await t.login());
});
afterAll(() => t.close());

const operations = documentOperations();
const found: Record<string, string> = {};

/** Calls a hand-written operation and answers how its answer disagrees with the document, if it does. */
async function call(version: Version, operationId: string, path: string, method = 'GET', body?: unknown) {
  const op = operations.find((o) => o.version === version && o.operationId === operationId);
  if (!op) throw new Error(`${version} ${operationId} is not in the document`);
  const response = await t.send<Record<string, unknown>>(method, `${PREFIX[version]}${path}`, {
    headers: auth,
    ...(body === undefined ? {} : { body }),
  });
  const { statuses, schema } = declaredSuccess(op);
  const problems = statuses.includes(response.status)
    ? schema && response.status !== 204
      ? schemaErrors(version, schema, response.body)
      : []
    : [`status ${response.status}`];
  if (problems.length) found[`${version} ${operationId}`] = problems.join('; ');
  return response.body;
}

/**
 * Where the hand-written auth routes and the documents disagree, and why the contract
 * (../shared/reference/cohesity-auth-contract.md) wins. Every other answer validates.
 */
// v1's document marks nothing nullable (its README, v1 gap 3); contract §5 has `null` for a
// key that never expires and for an unset email, and the v1 SDK reads every response field
// as optional.
const V1_NULL_EXPIRY = '/expiringTimeMsecs must be integer';
const OFF_IS_ZERO = '/accountLockout/inactivityTimeDays must be >= 1; /passwordLifetime/maxLifetimeDays must be >= 1';
const CONTRACT_WINS: Record<string, string> = {
  'v1 createUserApiKey': V1_NULL_EXPIRY,
  'v1 getUserApiKeyById': V1_NULL_EXPIRY,
  'v1 getUserApiKeys': `/0${V1_NULL_EXPIRY}`,
  'v1 rotateUserApiKey': V1_NULL_EXPIRY,
  'v1 updateUserApiKey': V1_NULL_EXPIRY,
  'v1 getSessionUser': '/emailAddress must be string',
  'v1 getUsers': '/0/emailAddress must be string',
  // The project's audit records keep `details` as a JSON object (SECURITY.md); v2 types a string.
  'v2 getAuditLogs': [0, 1, 2].map((i) => `/auditLogs/${i}/details must be string,null`).join('; '),
  // 0 turns the inactivity lockout and password expiry off (the fresh cluster's defaults,
  // login flows D37); the document's minimum is 1.
  'v2 getSecurityConfig': OFF_IS_ZERO,
  'v2 updateSecurityConfig': OFF_IS_ZERO,
};

describe('the hand-written auth routes against the documents', () => {
  it('answer as the documents say, except where the contract says otherwise', async () => {
    const login = { username: 'admin', password: ADMIN_PASSWORD, domain: 'LOCAL' };
    await call('v2', 'createAccessToken', '/access-tokens', 'POST', login);
    await call('v1', 'createGenerateAccessToken', '/public/accessTokens', 'POST', login);
    await call('v1', 'getBasicClusterInfo', '/public/basicClusterInfo');
    await call('v2', 'getCluster', '/clusters');
    await call('v1', 'getCluster', '/public/cluster?fetchStats=true');
    await call('v2', 'getClusterLocalDomainSid', '/clusters/local-domain-sid');
    const config = await call('v2', 'getSecurityConfig', '/security-config');
    await call('v2', 'updateSecurityConfig', '/security-config', 'PUT', config);
    await call('v2', 'getAuditLogs', '/audit-logs');
    await call('v2', 'getUsers', '/users');
    await call('v1', 'getUsers', '/public/users');
    await call('v1', 'getSessionUser', '/public/sessionUser');
    await call('v1', 'getUserPreferences', '/public/sessionUser/preferences');
    const created = await call('v2', 'createUsers', '/users', 'POST', [
      { username: 'hand', domain: 'LOCAL', roles: ['COHESITY_VIEWER'], localUserParams: { password: STRONG_PASSWORD } },
    ]);
    const sid = String((created.users as { sid: string }[])[0]?.sid);
    await call('v2', 'getUserBySid', `/users/${sid}`);
    await call('v2', 'updateUser', `/users/${sid}`, 'PUT', { description: 'changed' });
    // Session logins need session management on (login flows §6).
    await withSessionManagement(t, auth, () =>
      call('v2', 'createSession', '/users/sessions', 'POST', { username: 'hand', password: STRONG_PASSWORD }),
    );
    await call('v2', 'getActiveSessionsCount', '/users/sessions');
    await call('v2', 'deleteSession', `/users/sessions?sid=${sid}`, 'DELETE');
    const key = await call('v2', 'createUserApiKey', `/users/${sid}/api-keys`, 'POST', { name: 'k2' });
    const keyPath = `/users/${sid}/api-keys/${String(key.id)}`;
    await call('v2', 'getUserApiKeys', `/users/${sid}/api-keys`);
    await call('v2', 'getAllApiKeys', '/api-keys');
    await call('v2', 'getUserApiKeyById', keyPath);
    await call('v2', 'updateUserApiKeyById', keyPath, 'PUT', { name: 'k2b', isActive: true });
    await call('v2', 'rotateUserApiKey', `${keyPath}/rotate`, 'POST');
    await call('v2', 'deleteUserApiKeyById', keyPath, 'DELETE');
    const v1Key = await call('v1', 'createUserApiKey', `/public/users/${sid}/apiKeys`, 'POST', { name: 'k1' });
    const v1KeyPath = `/public/users/${sid}/apiKeys/${String(v1Key.id)}`;
    await call('v1', 'getUserApiKeys', `/public/users/${sid}/apiKeys`);
    await call('v1', 'getUserApiKeyById', v1KeyPath);
    await call('v1', 'updateUserApiKey', v1KeyPath, 'PUT', { name: 'k1b', isActive: true });
    await call('v1', 'rotateUserApiKey', `${v1KeyPath}/rotate`, 'POST');
    await call('v1', 'deleteUserApiKey', v1KeyPath, 'DELETE');
    await call('v2', 'deleteUser', `/users/${sid}`, 'DELETE');
    await call('v2', 'getSupportMfaConfig', '/support-user/mfa');
    await call('v2', 'updateSupportMfaConfig', '/support-user/mfa', 'PATCH', { enabled: true, mfaType: 'totp' });
    await call('v2', 'verifySupportUserTotp', '/support-user/verify-totp', 'POST', { totpCode: '000000' });
    await call('v2', 'updateSupportMfaConfig', '/support-user/mfa', 'PATCH', { mfaType: 'email', email: 'a@b.c' });
    await call('v2', 'sendSupportEmailOtp', '/support-user/send-email-otp', 'POST');
    expect(found).toEqual(CONTRACT_WINS);
  });

  it('answer errors in the contract Error shape, with a string errorCode where v1 says integer', async () => {
    const response = await t.send('GET', `${PREFIX.v1}/public/users/S-1-100-21-1-1-99999/apiKeys`, { headers: auth });
    expect(response.status).toBeGreaterThanOrEqual(400);
    const body = response.body as { errorCode: unknown; message: unknown };
    expect(typeof body.errorCode).toBe('string');
    // v1's RequestError types errorCode as an integer; contract §4 (and the v1 SDK's own 401
    // handling, which compares it with 'KStatusUnauthorized') has it as a string.
    expect(schemaErrors('v1', { $ref: '#/components/schemas/RequestError' }, body)).not.toEqual([]);
  });
});

// `/v2/tenants/swift` is an operation of its own in the v2 document, and the hand-written
// `/v2/tenants/:id` would take it: the operation answers it.
describe('a documented literal path under a hand-written route with parameters', () => {
  it('is answered by its own operation, behind the same authentication', async () => {
    expect((await t.send('GET', '/v2/tenants/swift')).status).toBe(401);
    const swift = await t.send<Record<string, unknown>>('GET', '/v2/tenants/swift', { headers: auth });
    expect(swift.status, swift.text).toBe(200);
    expect(swift.text).not.toContain('not found');
    const updated = await t.send('PUT', '/v2/tenants/swift/', { headers: auth, body: { tenantId: 'acme/' } });
    expect(updated.status, updated.text).toBeLessThan(300);
  });

  it('leaves every other value of the parameter to the hand-written route', async () => {
    const created = await t.send<{ id: string }>('POST', '/v2/tenants', {
      headers: auth,
      body: { name: 'Acme', tenantIdSuffix: 'acme' },
    });
    expect(created.status, created.text).toBe(201);
    const tenant = await t.send<{ id: string; name: string }>(
      'GET',
      `/v2/tenants/${encodeURIComponent(created.body.id)}`,
      {
        headers: auth,
      },
    );
    expect(tenant.body).toMatchObject({ id: created.body.id, name: 'Acme' });
    const missing = await t.send<{ errorCode: string }>('GET', '/v2/tenants/nobody', { headers: auth });
    expect(missing.status).toBe(404);
    expect(missing.body.errorCode).toBe('KNotFound');
  });
});

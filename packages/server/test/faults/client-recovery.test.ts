import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ApiException, ClusterClient, NetworkError, type RetryOptions, TimeoutError } from 'cohesity-sdk';
import { connectStandInFaults, type StandInFaults } from 'cohesity-sdk/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createUserWithCredentials } from '../helpers/identity.js';
import { startTestServer, type TestServer } from '../helpers/start-server.js';
import { webLogin, withCookie } from '../helpers/web-login.js';

// Each injected fault, and what a client built on the SDK does about it: the faults come
// from the SDK's own test helper, the recoveries from ClusterClient's renewal and retries.
describe('clients recovering from injected faults', () => {
  let t: TestServer;
  let ca: string;
  let faults: StandInFaults;
  const clients: ClusterClient[] = [];
  const client = (options: { apiKey?: string; timeoutMsecs?: number; retry?: Partial<RetryOptions> } = {}) => {
    const { apiKey, timeoutMsecs, retry } = options;
    const common = {
      clusterVip: t.url,
      tls: { ca },
      retry: { baseDelayMsecs: 1, ...retry },
      ...(timeoutMsecs === undefined ? {} : { timeoutMsecs }),
    };
    const made = apiKey
      ? new ClusterClient({ ...common, apiKey })
      : new ClusterClient({ ...common, username: 'admin', password: 'admin' });
    clients.push(made);
    return made;
  };
  const me = async (token: string) =>
    (await t.send<{ sid: string }>('GET', '/irisservices/api/v1/public/sessionUser', { headers: bearer(token) })).body;
  const status = async (headers: Record<string, string>, path = '/v2/clusters') => {
    const response = await t.send<{ message: string }>('GET', path, { headers });
    return `${response.status} ${response.body.message ?? ''}`.trim();
  };

  beforeAll(async () => {
    t = await startTestServer({ faults: true, loginRateLimit: 0 });
    ca = await readFile(join(t.dataDir, 'tls-cert.pem'), 'utf8');
    faults = connectStandInFaults({ clusterVip: t.url, username: 'admin', password: 'admin', tls: { ca } });
  });
  afterEach(() => faults.reset());
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await faults.close();
    await t.close();
  });

  it('expired tokens: the next call gets exactly "Token expired", and the SDK logs in again and replays', async () => {
    const sdk = client();
    const refreshed: string[] = [];
    sdk.on('tokenRefreshed', ({ reason }) => refreshed.push(reason));
    await sdk.platform.getCluster();
    const raw = await t.login();

    await faults.expire({ kinds: ['tokens'] });
    const expired = await t.send('GET', '/v2/clusters', { headers: bearer(raw) });
    expect(expired.status).toBe(401);
    expect(expired.body).toEqual({ errorCode: 'KStatusUnauthorized', message: 'Token expired' });
    expect(expired.headers['www-authenticate']).toContain('error_description="Token expired"');

    expect((await sdk.platform.getCluster()).name).toBe('cohesity-dev');
    expect(refreshed).toEqual(['login', 'rejected']);
    expect(await status(bearer(await t.login()))).toBe('200');
  });

  it('expiry scoped to one user or one credential leaves every other token working', async () => {
    const admin = await t.login();
    const bob = await createUserWithCredentials(t, admin, 'bob-expiry');
    const other = await t.login();

    await faults.expire({ user: 'bob-expiry', kinds: ['tokens'] });
    expect(await status(bearer(bob.token))).toBe('401 Token expired');
    expect(await status(bearer(admin))).toBe('200');

    await faults.expire({ credential: admin, kinds: ['tokens'] });
    expect(await status(bearer(admin))).toBe('401 Token expired');
    expect(await status(bearer(other))).toBe('200');
  });

  it('expired sessions answer as a real expiry does, and a new session works', async () => {
    const admin = await t.login();
    const carol = await createUserWithCredentials(t, admin, 'carol-expiry');
    await faults.expire({ kinds: ['sessions'] });
    expect(await status({ 'session-id': carol.sessionId })).toBe('401 The session has expired.');
    // Gone, as a real expired session is.
    expect(await status({ 'session-id': carol.sessionId })).toBe('401 The session is invalid.');
    await faults.setModes({ sessionManagement: true });
    const fresh = await t.send<{ sessionId: string }>('POST', '/v2/users/sessions', {
      body: { username: 'carol-expiry', password: 'Correct-Horse-9', domain: 'LOCAL' },
    });
    expect(await status({ 'session-id': fresh.body.sessionId })).toBe('200');
  });

  it('expired web-login cookies answer as a real expiry does, and a new web login works', async () => {
    const first = await webLogin(t, 'admin', 'admin');
    expect(await status(withCookie(first.cookie))).toBe('200');
    await faults.expire({ kinds: ['cookies'] });
    expect(await status(withCookie(first.cookie))).toBe('401 The session has expired.');
    // Other kinds are untouched.
    expect(await status(bearer(await t.login()))).toBe('200');
    const again = await webLogin(t, 'admin', 'admin');
    expect(await status(withCookie(again.cookie))).toBe('200');
  });

  it('expired API keys are expired for real; the SDK says so, and a rotated key recovers', async () => {
    const admin = await t.login();
    const dave = await createUserWithCredentials(t, admin, 'dave-expiry', ['COHESITY_ADMIN']);
    const result = await faults.expire({ credential: dave.apiKey, kinds: ['apiKeys'] });
    expect(result.apiKeysExpired).toBe(1);
    const failures: string[] = [];
    const sdk = client({ apiKey: dave.apiKey });
    sdk.on('authFailed', ({ error }) => failures.push(error.message));
    await expect(sdk.platform.getCluster()).rejects.toMatchObject({
      status: 401,
      message: expect.stringContaining('API Key has expired'),
    });
    expect(failures).toHaveLength(1);

    const keys = await t.send<{ apiKeys: { id: string; isExpired: boolean }[] }>(
      'GET',
      `/v2/users/${dave.user.sid}/api-keys`,
      {
        headers: bearer(dave.token),
      },
    );
    expect(keys.body.apiKeys.map((k) => k.isExpired)).toEqual([true]);
    const key = keys.body.apiKeys[0]?.id as string;
    await t.send('PUT', `/v2/users/${dave.user.sid}/api-keys/${key}`, {
      headers: bearer(dave.token),
      body: { expiryTimeMsecs: null, isActive: true },
    });
    const rotated = await t.send<{ apiKey: string }>('POST', `/v2/users/${dave.user.sid}/api-keys/${key}/rotate`, {
      headers: bearer(dave.token),
    });
    expect((await client({ apiKey: rotated.body.apiKey }).platform.getCluster()).name).toBe('cohesity-dev');
  });

  it('503 and 429 with Retry-After: the SDK waits and retries until the faults are used up', async () => {
    for (const answer of [503, 429] as const) {
      const sdk = client();
      await sdk.platform.getCluster();
      const retries: (number | undefined)[] = [];
      sdk.on('retry', (event) => retries.push(event.status));
      await faults.failRequests({ answer, count: 2, route: '/v2/clusters', retryAfterSeconds: 0 });
      expect((await sdk.platform.getCluster()).name).toBe('cohesity-dev');
      expect(retries).toEqual([answer, answer]);
    }
    await faults.failRequests({ answer: 429, route: '/v2/clusters', retryAfterSeconds: 7 });
    const limited = await t.send('GET', '/v2/clusters', { headers: bearer(await t.login()) });
    expect(limited.headers['retry-after']).toBe('7');
    expect(limited.body).toEqual({
      errorCode: 'KRateLimitExceeded',
      message: 'Too Many Requests: retry after 7 seconds',
    });
  });

  it('502 is retried; 500 surfaces once, and the client keeps working', async () => {
    const sdk = client();
    await sdk.platform.getCluster();
    await faults.failRequests({ answer: 502, count: 1, route: '/v2/clusters' });
    expect((await sdk.platform.getCluster()).name).toBe('cohesity-dev');
    await faults.failRequests({ answer: 500, count: 1, route: '/v2/clusters' });
    const error = await sdk.platform.getCluster().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiException);
    expect(error).toMatchObject({ status: 500, errorCode: 'KInternalError', attempts: 1 });
    expect((await sdk.platform.getCluster()).name).toBe('cohesity-dev');
  });

  it('a hung-up connection is a NetworkError; idempotent calls are retried past it', async () => {
    const sdk = client();
    await sdk.platform.getCluster();
    await faults.failRequests({ answer: 'hang-up', count: 1, route: '/v2/clusters' });
    expect((await sdk.platform.getCluster()).name).toBe('cohesity-dev');
    const once = client({ retry: { maxAttempts: 1 } });
    await once.platform.getCluster();
    await faults.failRequests({ answer: 'hang-up', count: 1, route: '/v2/clusters', method: 'GET' });
    await expect(once.platform.getCluster()).rejects.toBeInstanceOf(NetworkError);
    expect((await faults.state()).requestFaults).toEqual([]);
  });

  it('added latency past the client timeout is a TimeoutError, and the retry succeeds', async () => {
    const sdk = client({ timeoutMsecs: 300 });
    await sdk.platform.getCluster();
    await faults.failRequests({ answer: 'delay', latencyMsecs: 3000, count: 1, route: '/v2/clusters' });
    expect((await sdk.platform.getCluster()).name).toBe('cohesity-dev');
    const once = client({ timeoutMsecs: 300, retry: { maxAttempts: 1 } });
    await once.platform.getCluster();
    await faults.failRequests({ answer: 'delay', latencyMsecs: 3000, count: 1, user: 'admin' });
    await expect(once.platform.getCluster()).rejects.toBeInstanceOf(TimeoutError);
  });

  it('session-management mode: token logins get "Access denied", the SDK falls back to a session, and back', async () => {
    await faults.setModes({ sessionManagement: true });
    const refused = await t.send('POST', '/v2/access-tokens', {
      body: { username: 'admin', password: 'admin', domain: 'LOCAL' },
    });
    expect(refused.body).toEqual({ errorCode: 'KValidationError', message: 'Access denied' });
    const sdk = client();
    expect((await sdk.platform.getCluster()).name).toBe('cohesity-dev');
    // The cluster's own switch, as an administrator's PUT /v2/security-config sets it.
    const config = await sdk.request<{ sessionManagementEnabled: boolean }>('GET', '/v2/security-config');
    expect(config.sessionManagementEnabled).toBe(true);
    await faults.setModes({ sessionManagement: false });
    const fresh = client();
    expect((await fresh.platform.getCluster()).name).toBe('cohesity-dev');
    expect(await status(bearer(await t.login()))).toBe('200');
  });

  it('MFA-required mode asks password logins for a code; API keys still work; and back', async () => {
    const admin = await t.login();
    const key = await t.send<{ apiKey: string }>('POST', `/v2/users/${(await me(admin)).sid}/api-keys`, {
      headers: bearer(admin),
      body: { name: 'mfa-mode-key' },
    });
    await faults.setModes({ mfaRequired: true });
    expect((await faults.state()).modes).toEqual({ sessionManagement: false, mfaRequired: true });
    const sdk = client();
    await expect(sdk.platform.getCluster()).rejects.toMatchObject({
      status: 400,
      message: expect.stringContaining('mandatory parameters'),
    });
    expect((await client({ apiKey: key.body.apiKey }).platform.getCluster()).name).toBe('cohesity-dev');
    await faults.reset();
    expect((await faults.state()).modes).toEqual({ sessionManagement: false, mfaRequired: false });
    expect((await sdk.platform.getCluster()).name).toBe('cohesity-dev');
  });

  it('a clock moved forward expires tokens by their own lifetime and ends lockouts', async () => {
    const sdk = client();
    await sdk.platform.getCluster();
    const raw = await t.login();
    for (let i = 0; i < 5; i++) {
      await t.send('POST', '/v2/access-tokens', { body: { username: 'admin', password: 'wrong', domain: 'LOCAL' } });
    }
    expect((await t.send('POST', '/v2/access-tokens', { body: { username: 'admin', password: 'admin' } })).status).toBe(
      400,
    );

    await faults.advanceClock(25 * 3600 * 1000);
    expect(await status(bearer(raw))).toBe('401 Token expired');
    // Lockouts last 30 minutes: 25 hours later the right password works again.
    expect((await sdk.platform.getCluster()).name).toBe('cohesity-dev');
    expect((await faults.state()).clock.offsetMsecs).toBe(25 * 3600 * 1000);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BadRequestException,
  ClusterClient,
  type ClusterClientOptions,
  ConfigurationError,
  UnauthorizedException,
} from '../src/index.js';
import { ADMIN_PASSWORD, startTestCluster, type TestCluster } from './helpers/test-cluster.js';

let cluster: TestCluster;
beforeAll(async () => {
  cluster = await startTestCluster();
});
afterAll(() => cluster.close());

describe('ClusterClient', () => {
  it('logs in lazily on the first call and answers the cluster', async () => {
    const before = await cluster.logins();
    const client = cluster.client();
    expect(await cluster.logins()).toBe(before);
    const info = await client.platform.getCluster();
    expect(info.swVersion).toBe('7.1.2_u3_release-20241231_bb47fe77');
    expect(await cluster.logins()).toBe(before + 1);
  });

  it('shares one login between 1,000 concurrent calls on a fresh client', async () => {
    const before = await cluster.logins();
    const client = cluster.client();
    const answers = await Promise.all(Array.from({ length: 1000 }, () => client.platform.getCluster()));
    expect(answers).toHaveLength(1000);
    expect(new Set(answers.map((a) => a.id)).size).toBe(1);
    expect(await cluster.logins()).toBe(before + 1);
    // A thousand TLS connections to a server on a shared 2-core machine: slow, not wrong.
  }, 120_000);

  it('reaches any endpoint through request(), v1 included', async () => {
    const client = cluster.client();
    const me = await client.request<{ username: string; domain: string }>(
      'GET',
      '/irisservices/api/v1/public/sessionUser',
    );
    expect(me).toMatchObject({ username: 'admin', domain: 'LOCAL' });
    const sid = await client.platform.getClusterLocalDomainSid();
    expect(sid.sid).toMatch(/^S-1-100-21-\d+-\d+$/);
  });

  it('creates access tokens with createAccessToken, domain LOCAL by default', async () => {
    const client = cluster.client();
    const token = await client.accessToken.createAccessToken({ username: 'admin', password: ADMIN_PASSWORD });
    expect(token.tokenType).toBe('Bearer');
    expect(token.privileges).toContain('CLUSTER_VIEW');
    const check = await cluster.server.send('GET', '/v2/clusters', {
      headers: { authorization: `Bearer ${token.accessToken}` },
    });
    expect(check.status).toBe(200);
  });

  it('surfaces a wrong password at once as a BadRequestException after one login attempt', async () => {
    const before = await cluster.logins();
    const client = cluster.client({ password: 'wrong-password' });
    const failures: unknown[] = [];
    client.on('authFailed', ({ error }) => failures.push(error));
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => client.platform.getCluster()));
    for (const result of results) {
      expect(result.status).toBe('rejected');
      const error = (result as PromiseRejectedResult).reason;
      expect(error).toBeInstanceOf(BadRequestException);
      expect(error).toMatchObject({
        status: 400,
        errorCode: 'KValidationError',
        method: 'POST',
        path: '/v2/access-tokens',
        attempts: 1,
      });
      expect(error.body.message).toBe('Invalid Username or Password');
    }
    expect(await cluster.logins()).toBe(before + 1);
    expect(failures).toHaveLength(1);
  });

  it('throws UnauthorizedException for an unknown API key without logging in', async () => {
    const before = await cluster.logins();
    const client = cluster.client({ apiKey: '00000000-0000-4000-8000-000000000000' });
    const error = await client.platform.getCluster().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnauthorizedException);
    expect(error).toMatchObject({ status: 401, errorCode: 'KStatusUnauthorized', attempts: 1 });
    expect(await cluster.logins()).toBe(before);
  });

  it('calls public endpoints without credentials, and gets 401 from the others', async () => {
    const client = new ClusterClient({ clusterVip: cluster.server.url, tls: { ca: cluster.ca } });
    const { body, headers } = await client.accessToken.createAccessToken(
      { username: 'admin', password: ADMIN_PASSWORD },
      { withResponse: true },
    );
    expect(body.tokenType).toBe('Bearer');
    expect(Date.parse(headers.get('date') ?? '')).toBeGreaterThan(0);
    const info = await client.request<{ name: string }>('GET', '/irisservices/api/v1/public/basicClusterInfo');
    expect(info.name).toBe('cohesity-dev');
    await expect(client.platform.getCluster()).rejects.toBeInstanceOf(UnauthorizedException);
    expect(JSON.stringify(client)).toContain('"auth":"none"');
    await client.close();
  });

  it('refuses mixed credentials at compile time', () => {
    const clusterVip = '127.0.0.1:1';
    const compileOnly = (build: () => unknown) => build;
    // Never run: each line must fail to type-check, or tsc fails on an unused @ts-expect-error.
    compileOnly(() => [
      // @ts-expect-error a password needs its username
      new ClusterClient({ clusterVip, password: 'x' }),
      // @ts-expect-error one kind of credentials only
      new ClusterClient({ clusterVip, username: 'a', password: 'x', apiKey: 'k' }),
      // @ts-expect-error domain goes with a password
      new ClusterClient({ clusterVip, apiKey: 'k', domain: 'LOCAL' }),
      // @ts-expect-error tokenType goes with accessToken
      new ClusterClient({ clusterVip, apiKey: 'k', tokenType: 'Bearer' }),
    ]);
    expect(new ClusterClient({ clusterVip, accessToken: 't', tokenType: 'Bearer' })).toBeInstanceOf(ClusterClient);
  });

  it.each([
    [{ apiKey: '' }, 'apiKey and accessToken must not be empty'],
    [{ username: 'admin' }, 'username and password must both be non-empty'],
    [{ username: 'admin', password: 'x', apiKey: 'k' }, 'not both'],
    [{ apiKey: 'k', domain: 'LOCAL' }, 'domain goes with username and password'],
    [{ apiKey: 'k', clusterVip: 'ftp://host' }, 'clusterVip must use https'],
    [{ apiKey: 'k', tls: { fingerprint256: 'AB:CD' } }, 'tls.fingerprint256 must be 32 hex bytes'],
    [{ apiKey: 'k', tls: { ca: 'x', insecure: true } }, 'at most one of'],
    [{ apiKey: 'k', timeoutMsecs: 0 }, 'timeoutMsecs must be > 0'],
  ])('rejects bad options at construction: %j', (options, message) => {
    // As a JavaScript caller would pass them: the types refuse most of these already.
    const build = () => new ClusterClient({ clusterVip: '127.0.0.1:1', ...options } as ClusterClientOptions);
    expect(build).toThrow(ConfigurationError);
    expect(build).toThrow(message);
  });
});

import { request as httpsRequest } from 'node:https';
import type { ErrorBody } from 'cohesity-sdk/models';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, resolveConfig } from '../../src/config.js';
import { bearer } from '../helpers/identity.js';
import { startTestServer, type TestServer } from '../helpers/start-server.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ loginRateLimit: 3, apiRateLimit: 6 });
});
afterAll(() => t.close());

/** The reason phrase, which undici does not expose. */
function statusLine(server: TestServer, path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(`${server.url}${path}`, { rejectUnauthorized: false }, (res) => {
      res.resume();
      resolve(`${res.statusCode} ${res.statusMessage}`);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('per-client-IP rate limits', () => {
  it('answers 429 Too Many Requests with Retry-After and the contract body past the login limit', async () => {
    for (let i = 0; i < 3; i++) {
      const ok = await t.send('POST', '/v2/access-tokens', { body: { username: 'admin', password: 'admin' } });
      expect(ok.status).toBe(201);
    }
    const limited = await t.send<ErrorBody>('POST', '/v2/access-tokens', {
      body: { username: 'admin', password: 'admin' },
    });
    expect(limited.status).toBe(429);
    expect(limited.body.errorCode).toBe('KRateLimitExceeded');
    expect(limited.body.message).toMatch(/^Too Many Requests/);
    const retryAfter = Number(limited.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);

    const session = await t.send('POST', '/v2/users/sessions', { body: { username: 'admin', password: 'admin' } });
    expect(session.status).toBe(429);
  });

  it('limits the rest of the API on its own budget, with the reason phrase Too Many Requests', async () => {
    const fresh = await startTestServer({ loginRateLimit: 10, apiRateLimit: 4 });
    try {
      const token = await fresh.login();
      for (let i = 0; i < 4; i++)
        expect((await fresh.send('GET', '/v2/clusters', { headers: bearer(token) })).status).toBe(200);
      const limited = await fresh.send<ErrorBody>('GET', '/v2/clusters', { headers: bearer(token) });
      expect(limited.status).toBe(429);
      expect(limited.body.errorCode).toBe('KRateLimitExceeded');
      expect(limited.headers['retry-after']).toBeDefined();
      expect(await statusLine(fresh, '/v2/clusters')).toBe('429 Too Many Requests');
      // Unauthenticated floods are limited before authentication, too.
      expect((await fresh.send('GET', '/v2/users')).status).toBe(429);
      expect((await fresh.send('GET', '/v2/no-such-path')).status).toBe(429);
      // Logins keep their own budget.
      expect(await fresh.login()).toBeTruthy();
    } finally {
      await fresh.close();
    }
  });

  it('turns a limit off with 0', async () => {
    const unlimited = await startTestServer({ loginRateLimit: 0, apiRateLimit: 0 });
    try {
      const token = await unlimited.login();
      for (let i = 0; i < 30; i++) {
        expect((await unlimited.send('GET', '/v2/clusters', { headers: bearer(token) })).status).toBe(200);
      }
    } finally {
      await unlimited.close();
    }
  });
});

describe('clients behind a proxy', () => {
  const loginFrom = (server: TestServer, forwardedFor: string) =>
    server.send('POST', '/v2/access-tokens', {
      headers: { 'x-forwarded-for': forwardedFor },
      body: { username: 'admin', password: 'admin' },
    });

  it('count on their own budgets, and are audited by their address, when the proxy is trusted', async () => {
    const behindProxy = await startTestServer({ loginRateLimit: 2, trustProxy: ['127.0.0.1'] });
    try {
      expect((await loginFrom(behindProxy, '203.0.113.1')).status).toBe(201);
      expect((await loginFrom(behindProxy, '203.0.113.1')).status).toBe(201);
      expect((await loginFrom(behindProxy, '203.0.113.1')).status).toBe(429);
      expect((await loginFrom(behindProxy, '203.0.113.2')).status).toBe(201);
      const [latest] = await behindProxy.server.store.listAudit({ limit: 1, action: 'login' });
      expect(latest?.ip).toBe('203.0.113.2');
    } finally {
      await behindProxy.close();
    }
  });

  it('cannot escape the limit or forge their address with X-Forwarded-For when no proxy is trusted', async () => {
    const direct = await startTestServer({ loginRateLimit: 2 });
    try {
      expect((await loginFrom(direct, '203.0.113.1')).status).toBe(201);
      expect((await loginFrom(direct, '203.0.113.2')).status).toBe(201);
      expect((await loginFrom(direct, '203.0.113.3')).status).toBe(429);
      const [latest] = await direct.server.store.listAudit({ limit: 1, action: 'login' });
      expect(latest?.ip).toBe('127.0.0.1');
    } finally {
      await direct.close();
    }
  });
});

describe('trust-proxy setting', () => {
  it('takes addresses, CIDRs and the named ranges, comma-separated', () => {
    expect(resolveConfig({ 'trust-proxy': '10.0.0.0/8, ::1,loopback' }, {}).trustProxy).toEqual([
      '10.0.0.0/8',
      '::1',
      'loopback',
    ]);
    expect(resolveConfig({}, { COHESITY_TRUST_PROXY: '192.0.2.7' }).trustProxy).toEqual(['192.0.2.7']);
  });

  it('refuses anything else, trusting everyone included', () => {
    for (const bad of ['10.0.0.0/33', 'true', '*', '10.0.0.1/8/1', 'proxy.internal', '10.0.0.1,']) {
      expect(() => resolveConfig({ 'trust-proxy': bad }, {})).toThrow(/--trust-proxy/);
    }
  });
});

describe('rate-limit settings', () => {
  it('default to 600 logins and 60000 requests per minute', () => {
    expect(resolveConfig({}, {})).toMatchObject({ loginRateLimit: 600, apiRateLimit: 60000 });
  });

  it('read flags before the environment', () => {
    const config = resolveConfig(
      { 'login-rate-limit': '5' },
      { COHESITY_LOGIN_RATE_LIMIT: '7', COHESITY_API_RATE_LIMIT: '0' },
    );
    expect(config).toMatchObject({ loginRateLimit: 5, apiRateLimit: 0 });
  });

  it('refuse negative or fractional values', () => {
    expect(() => resolveConfig({ 'api-rate-limit': '-1' }, {})).toThrow(ConfigError);
    expect(() => resolveConfig({}, { COHESITY_LOGIN_RATE_LIMIT: '1.5' })).toThrow(/--login-rate-limit/);
  });
});

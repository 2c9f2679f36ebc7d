import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/start-server.js';

type Series = Map<string, number>;

/** `name{a="b",…} value` lines into a map keyed by the series as printed. */
function parse(text: string): Series {
  const series: Series = new Map();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const at = line.lastIndexOf(' ');
    series.set(line.slice(0, at), Number(line.slice(at + 1)));
  }
  return series;
}

const LABELS = /\{(.*)\}$/;
const labelPairs = (key: string) => [...(LABELS.exec(key)?.[1] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)];

describe('GET /metrics', () => {
  let t: TestServer;
  const scrape = async () => {
    const response = await t.send('GET', '/metrics');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    return { text: response.text, series: parse(response.text) };
  };
  beforeAll(async () => {
    t = await startTestServer({ loginRateLimit: 0 });
  });
  afterAll(() => t.close());

  it('counts requests, credential checks, logins, lockouts and sessions, with no identifying label', async () => {
    const before = (await scrape()).series;
    const delta = (after: Series, key: string) => (after.get(key) ?? 0) - (before.get(key) ?? 0);

    const token = await t.login();
    expect((await t.send('GET', '/v2/clusters', { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    const forged = `${token.slice(0, -4)}AAAA`;
    expect((await t.send('GET', '/v2/clusters', { headers: { authorization: `Bearer ${forged}` } })).status).toBe(401);
    expect((await t.send('GET', '/v2/clusters')).status).toBe(401);
    expect((await t.send('GET', '/v2/clusters', { headers: { apikey: 'no-such-key-5f1d' } })).status).toBe(401);
    expect((await t.send('GET', '/no/such/path-7c3e9a')).status).toBe(404);
    await t.send('PUT', '/v2/security-config', {
      headers: { authorization: `Bearer ${token}` },
      body: { sessionManagementEnabled: true },
    });
    const session = await t.send<{ sessionId: string }>('POST', '/v2/users/sessions', {
      body: { username: 'admin', password: 'admin', domain: 'LOCAL' },
    });
    expect(session.status).toBe(201);
    await t.send('PUT', '/v2/security-config', {
      headers: { authorization: `Bearer ${token}` },
      body: { sessionManagementEnabled: false },
    });
    // Five wrong passwords lock the account (the default lockout policy); a sixth is refused as locked.
    for (let i = 0; i < 6; i++) {
      const wrong = await t.send('POST', '/v2/access-tokens', {
        body: { username: 'mallory-3b1f', password: 'wrong-password-9d2c', domain: 'LOCAL' },
      });
      expect(wrong.status).toBe(400);
    }

    const { text, series: after } = await scrape();
    const expected: [string, number][] = [
      ['cohesity_http_requests_total{method="POST",route="/v2/access-tokens",status="201"}', 1],
      ['cohesity_http_requests_total{method="POST",route="/v2/access-tokens",status="400"}', 6],
      ['cohesity_http_requests_total{method="GET",route="/v2/clusters",status="200"}', 1],
      ['cohesity_http_requests_total{method="GET",route="/v2/clusters",status="401"}', 3],
      ['cohesity_http_requests_total{method="GET",route="unmatched",status="404"}', 1],
      ['cohesity_authentications_total{scheme="bearer",outcome="success"}', 3],
      ['cohesity_authentications_total{scheme="bearer",outcome="invalid"}', 1],
      ['cohesity_authentications_total{scheme="none",outcome="missing"}', 1],
      ['cohesity_authentications_total{scheme="api_key",outcome="invalid"}', 1],
      ['cohesity_logins_total{outcome="success"}', 2],
      ['cohesity_logins_total{outcome="failure"}', 4],
      ['cohesity_logins_total{outcome="locked"}', 2],
      ['cohesity_lockouts_total{reason="failures"}', 1],
    ];
    for (const [series, count] of expected) expect(delta(after, series), series).toBe(count);
    expect(after.get('cohesity_active_sessions')).toBe(1);
    expect(after.get('cohesity_password_hash_active')).toBe(0);
    expect(after.get('cohesity_password_hash_queued')).toBe(0);
    // Each wrong password is recorded at least once (how often is the lockout code's business).
    expect(
      delta(after, 'cohesity_database_operation_seconds_count{operation="recordLoginFailure"}'),
    ).toBeGreaterThanOrEqual(5);

    // Nothing a caller sent or is appears: names, secrets, paths outside the routes, addresses.
    for (const secret of [
      token,
      forged,
      session.body.sessionId,
      'mallory',
      'wrong-password',
      'no-such-key',
      '7c3e9a',
    ]) {
      expect(text).not.toContain(secret);
    }
    expect(text).not.toMatch(/127\.0\.0\.1|::1/);
    const allowed = new Set(['method', 'route', 'status', 'scheme', 'outcome', 'reason', 'operation', 'le']);
    // prom-client's process metrics label Node's version, heap spaces and GC kinds only.
    const processLabels = new Set(['version', 'major', 'minor', 'patch', 'space', 'kind', 'type']);
    for (const key of after.keys()) {
      for (const [, name, value] of labelPairs(key)) {
        expect(allowed.has(name as string) || processLabels.has(name as string), `${name} in ${key}`).toBe(true);
        if (name === 'route') expect(value).toMatch(/^(\/[\w/{}:.-]*|unmatched)$/);
      }
    }
  });

  it('takes no cluster credential, and refuses non-loopback clients without the metrics token', async () => {
    const behindProxy = await startTestServer({ trustProxy: ['loopback'], metricsToken: 'scrape-secret-1' });
    try {
      const remote = { 'x-forwarded-for': '198.51.100.7' };
      const refused = await behindProxy.send('GET', '/metrics', { headers: remote });
      expect(refused.status).toBe(401);
      expect(refused.body).toEqual({
        errorCode: 'KStatusUnauthorized',
        message: 'Metrics need Authorization: Bearer <the --metrics-token>',
      });
      const wrong = await behindProxy.send('GET', '/metrics', {
        headers: { ...remote, authorization: 'Bearer scrape-secret-2' },
      });
      expect(wrong.status).toBe(401);
      const allowed = await behindProxy.send('GET', '/metrics', {
        headers: { ...remote, authorization: 'Bearer scrape-secret-1' },
      });
      expect(allowed.status).toBe(200);
      expect(allowed.text).toContain('cohesity_http_requests_total');
      expect((await behindProxy.send('GET', '/metrics')).status).toBe(200);
    } finally {
      await behindProxy.close();
    }
  });
});

describe('GET /healthz and /readyz', () => {
  it('say alive and ready, and whether faults are on', async () => {
    const t = await startTestServer({ faults: true });
    try {
      expect((await t.send('GET', '/healthz')).body).toEqual({ status: 'ok', store: 'sqlite', faults: 'on' });
      const ready = await t.send('GET', '/readyz');
      expect(ready.status).toBe(200);
      expect(ready.body).toEqual({ status: 'ready', database: 'up', migrations: 'done', store: 'sqlite' });
    } finally {
      await t.close();
    }
  });
});

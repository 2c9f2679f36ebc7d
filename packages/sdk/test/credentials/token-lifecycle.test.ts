import { Agent, fetch as undiciFetch } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ClientEvents, type FetchLike, UnauthorizedException } from '../../src/index.js';
import { createAdminApiKey } from '../helpers/api-key.js';
import { startTestCluster, type TestCluster } from '../helpers/test-cluster.js';

let cluster: TestCluster;
let dispatcher: Agent;
beforeAll(async () => {
  cluster = await startTestCluster({ tokenTtlSeconds: 2 });
  dispatcher = new Agent({ connect: { ca: cluster.ca } });
});
afterAll(async () => {
  await cluster.close();
  await dispatcher.close();
});

/** A fetch to the real server that records each request's method, path and headers; `tamper` may rewrite headers. */
function recordingFetch(tamper?: (headers: Record<string, string>) => Record<string, string>) {
  const sent: { method: string; path: string; headers: Record<string, string> }[] = [];
  const fetch: FetchLike = (url, init) => {
    const headers = tamper ? tamper(init.headers) : init.headers;
    sent.push({ method: init.method, path: new URL(url).pathname, headers });
    return undiciFetch(url, { ...init, headers, dispatcher });
  };
  return { fetch, sent };
}

const logins = (sent: { method: string; path: string }[]) =>
  sent.filter((r) => r.method === 'POST' && r.path === '/v2/access-tokens').length;

describe('token lifecycle', () => {
  it('keeps working across several 2-second token expiries, logging in once per token', async () => {
    const { fetch, sent } = recordingFetch();
    const client = cluster.client({ fetch, tls: {} });
    const refreshed: ClientEvents['tokenRefreshed'][] = [];
    client.on('tokenRefreshed', (event) => refreshed.push(event));
    const started = performance.now();
    let calls = 0;
    while (performance.now() - started < 7_000) {
      await client.platform.getCluster();
      calls += 1;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const rejected = sent.filter((r) => r.method === 'GET').length - calls;
    expect(rejected).toBe(0);
    // Tokens live 1-2 s (the server counts whole seconds): one login per token, renewed ahead.
    expect(logins(sent)).toBeGreaterThanOrEqual(4);
    expect(logins(sent)).toBeLessThanOrEqual(9);
    expect(refreshed[0]?.reason).toBe('login');
    expect(refreshed.slice(1).every((e) => e.reason === 'renewal')).toBe(true);
  });

  it('re-logs in once and replays when the cluster says the token is invalid', async () => {
    const { fetch, sent } = recordingFetch();
    const client = cluster.client({ fetch, tls: {} });
    const reasons: string[] = [];
    client.on('tokenRefreshed', ({ reason }) => reasons.push(reason));
    await client.platform.getCluster();
    const { store } = cluster.server.server;
    const admin = await store.findUser('admin', 'LOCAL');
    await store.updateUser(admin?.sid ?? '', { lastUpdatedTimeMsecs: Date.now(), revokeCredentials: true });
    const info = await client.platform.getCluster();
    expect(info.name).toBe('cohesity-dev');
    expect(logins(sent)).toBe(2);
    expect(sent.filter((r) => r.method === 'GET')).toHaveLength(3);
    expect(reasons).toEqual(['login', 'rejected']);
  });

  it('replays at most once: a token the cluster keeps rejecting surfaces as UnauthorizedException', async () => {
    const { fetch, sent } = recordingFetch((headers) =>
      headers.authorization ? { ...headers, authorization: `${headers.authorization}x` } : headers,
    );
    const client = cluster.client({ fetch, tls: {} });
    const error = await client.platform.getCluster().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnauthorizedException);
    expect(error).toMatchObject({ status: 401, attempts: 2, body: { message: 'The access token is invalid.' } });
    expect(logins(sent)).toBe(2);
    expect(sent.filter((r) => r.method === 'GET')).toHaveLength(2);
  });

  it('never calls the login endpoint in API-key mode, and sends the apiKey header', async () => {
    const apiKey = await createAdminApiKey(cluster.server);
    const { fetch, sent } = recordingFetch();
    const before = await cluster.logins();
    const client = cluster.client({ apiKey, fetch, tls: {} });
    const answers = await Promise.all(Array.from({ length: 50 }, () => client.platform.getCluster()));
    expect(answers).toHaveLength(50);
    expect(logins(sent)).toBe(0);
    expect(sent.every((r) => r.headers.apiKey === apiKey && !r.headers.authorization)).toBe(true);
    expect(await cluster.logins()).toBe(before);
  });

  it('lets one caller abort its wait without cancelling the login the others share', async () => {
    const { fetch, sent } = recordingFetch();
    const client = cluster.client({ fetch, tls: {} });
    const controller = new AbortController();
    const aborted = client.platform.getCluster({ signal: controller.signal });
    const others = Promise.all([client.platform.getCluster(), client.platform.getCluster()]);
    controller.abort(new Error('caller gave up'));
    await expect(aborted).rejects.toThrow('caller gave up');
    const [a, b] = await others;
    expect(a.id).toBe(b.id);
    expect(logins(sent)).toBe(1);
  });
});

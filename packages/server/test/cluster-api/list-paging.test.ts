import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer } from '../helpers/identity.js';
import { startTestServer, type TestServer } from '../helpers/start-server.js';

// Generic lists page as the operation's query parameters say (src/cluster-api/list-paging.ts).
let t: TestServer;
let auth: Record<string, string>;
beforeAll(async () => {
  t = await startTestServer({ emptyCluster: true });
  auth = bearer(await t.login());
  for (const name of ['a', 'b', 'c', 'd', 'e']) {
    const created = await t.send('POST', '/v2/file-services/shares', {
      headers: auth,
      body: { name, viewName: 'v', viewPath: '/' },
    });
    expect(created.status).toBeLessThan(300);
  }
});
afterAll(() => t.close());

type Shares = { shares: { name: string }[]; cookie?: string };

describe('generic list paging', () => {
  it('answers maxCount items and a cookie until the last page', async () => {
    const names: string[] = [];
    const cookies: (string | undefined)[] = [];
    let cookie: string | undefined;
    do {
      const query = `maxCount=2${cookie === undefined ? '' : `&cookie=${cookie}`}`;
      const page = await t.send<Shares>('GET', `/v2/file-services/shares?${query}`, { headers: auth });
      expect(page.status).toBe(200);
      names.push(...page.body.shares.map((share) => share.name));
      cookie = page.body.cookie;
      cookies.push(cookie);
    } while (cookie !== undefined);
    expect(names).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(cookies).toEqual(['2', '4', undefined]);
  });

  it('answers the whole list without a page size', async () => {
    const all = await t.send<Shares>('GET', '/v2/file-services/shares', { headers: auth });
    expect(all.body.shares).toHaveLength(5);
    expect(all.body.cookie).toBeUndefined();
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { ClusterClient } from '../../src/index.js';
import { type FakeCluster, json, startFakeCluster } from '../helpers/fake-cluster.js';

let fake: FakeCluster | undefined;
let client: ClusterClient | undefined;
afterEach(async () => {
  await client?.close();
  await fake?.close();
});

async function pathsSent(...paths: [string, Record<string, string>?][]): Promise<string[]> {
  fake = await startFakeCluster((_i, _req, res) => json(res, 200, {}));
  client = new ClusterClient({ clusterVip: fake.url, apiKey: 'fake-key' });
  for (const [path, query] of paths) await client.request('GET', path, query ? { query } : {});
  return fake.requests.map((r) => r.path);
}

describe('request URLs', () => {
  it('keeps every path on the cluster, even one that reads as another host', async () => {
    expect(await pathsSent(['//other.example/steal'], ['//other.example/steal', { a: '1' }])).toEqual([
      '//other.example/steal',
      '//other.example/steal?a=1',
    ]);
  });

  it('escapes what a path may not carry, adds a missing leading slash, and appends the query', async () => {
    expect(
      await pathsSent(['/v2/users/a b'], ['v2/clusters'], ['/v2/users', { sids: 'S-1', domain: 'LOCAL' }]),
    ).toEqual(['/v2/users/a%20b', '/v2/clusters', '/v2/users?sids=S-1&domain=LOCAL']);
  });
});

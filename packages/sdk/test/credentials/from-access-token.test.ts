import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ClusterClient,
  type ClusterClientOptions,
  ConfigurationError,
  UnauthorizedException,
} from '../../src/index.js';
import { startTestCluster, type TestCluster } from '../helpers/test-cluster.js';

let cluster: TestCluster;
const clients: ClusterClient[] = [];
beforeAll(async () => {
  cluster = await startTestCluster();
});
afterAll(async () => {
  await Promise.all(clients.map((client) => client.close()));
  await cluster.close();
});

function clientWithToken(accessToken: string): ClusterClient {
  const client = new ClusterClient({ clusterVip: cluster.server.url, tls: { ca: cluster.ca }, accessToken });
  clients.push(client);
  return client;
}

describe('ClusterClient with an accessToken', () => {
  it('sends the saved token and never logs in', async () => {
    const token = await cluster.server.login();
    const before = await cluster.logins();
    const info = await clientWithToken(token).platform.getCluster();
    expect(info.name).toBeTypeOf('string');
    expect(await cluster.logins()).toBe(before);
  });

  it('surfaces a rejected token as UnauthorizedException after one try, without a login', async () => {
    const before = await cluster.logins();
    const error = await clientWithToken('not-a-token')
      .platform.getCluster()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnauthorizedException);
    expect((error as UnauthorizedException).attempts).toBe(1);
    expect(await cluster.logins()).toBe(before);
  });

  it('refuses an accessToken together with a password or an API key', () => {
    const vip = cluster.server.url;
    // What the types refuse, as a JavaScript caller would write it.
    const fromJavaScript = (options: object) => new ClusterClient(options as ClusterClientOptions);
    expect(() => fromJavaScript({ clusterVip: vip, accessToken: 't', apiKey: 'k' })).toThrow(ConfigurationError);
    expect(() => fromJavaScript({ clusterVip: vip, accessToken: 't', username: 'a', password: 'p' })).toThrow(
      ConfigurationError,
    );
  });

  it('keeps the token out of inspect() and JSON', () => {
    const client = clientWithToken('secret-token-value');
    expect(JSON.stringify(client)).not.toContain('secret-token-value');
    expect(JSON.stringify(client)).toContain('accessToken');
  });
});

import { createServer, type Server } from 'node:http';
import { type AddressInfo, connect, type Socket } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestCluster, type TestCluster } from '../helpers/test-cluster.js';

let cluster: TestCluster;
let proxy: Server;
let proxyUrl: string;
/** Every `host:port` the proxy opened a tunnel to. */
const tunnels: string[] = [];
/** Tunnelled sockets leave the HTTP server's bookkeeping: close() must end them itself. */
const openSockets = new Set<Socket>();

/** A plain HTTP CONNECT proxy on loopback, as a corporate proxy would be. */
function startConnectProxy(): Promise<Server> {
  const server = createServer((_request, response) => response.writeHead(405).end());
  server.on('connect', (request, client, head) => {
    const target = request.url ?? '';
    tunnels.push(target);
    const [host, port] = target.split(':');
    const upstream = connect(Number(port), host ?? '127.0.0.1', () => {
      openSockets.add(upstream).add(client as Socket);
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const PROXY_VARIABLES = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'NO_PROXY', 'no_proxy'];
const saved = Object.fromEntries(PROXY_VARIABLES.map((name) => [name, process.env[name]]));

beforeAll(async () => {
  cluster = await startTestCluster();
  proxy = await startConnectProxy();
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
});
afterEach(() => {
  for (const name of PROXY_VARIABLES) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
  tunnels.length = 0;
});
afterAll(async () => {
  await cluster.close();
  for (const socket of openSockets) socket.destroy();
  await new Promise((resolve) => proxy.close(resolve));
});

const useProxy = (noProxy: string) => {
  for (const name of PROXY_VARIABLES) delete process.env[name];
  process.env.HTTPS_PROXY = proxyUrl;
  process.env.NO_PROXY = noProxy;
};

describe('proxies from the environment', () => {
  it('tunnels through HTTPS_PROXY, still verifying the cluster certificate', async () => {
    useProxy('');
    const client = cluster.client();
    expect((await client.platform.getCluster()).name).toBe('cohesity-dev');
    expect(tunnels).toContain(new URL(cluster.server.url).host);
  });

  it('goes direct to hosts listed in NO_PROXY', async () => {
    useProxy('127.0.0.1');
    const client = cluster.client();
    expect((await client.platform.getCluster()).name).toBe('cohesity-dev');
    expect(tunnels).toEqual([]);
  });
});

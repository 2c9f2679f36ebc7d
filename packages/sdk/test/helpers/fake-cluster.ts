import { mkdtemp } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { loadTlsCredentials } from '../../../server/src/http/tls.js';
import { ClusterClient } from '../../src/index.js';

/** One request as the fake cluster received it. */
export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface FakeCluster {
  readonly url: string;
  /** Each request, in order. */
  readonly requests: ReceivedRequest[];
  /** The self-signed certificate of an HTTPS fake (PEM); '' over plain HTTP. */
  readonly ca: string;
  close(): Promise<void>;
}

/**
 * A tiny stand-in for a cluster, for what the real server won't do on demand (429 and 503
 * answers, silence, every paging style). `answer` gets the request's 0-based index once its
 * body has arrived. Plain HTTP unless `https` (a fresh self-signed certificate).
 */
export async function startFakeCluster(
  answer: (index: number, request: IncomingMessage, response: ServerResponse, received: ReceivedRequest) => void,
  options: { https?: boolean } = {},
): Promise<FakeCluster> {
  const requests: ReceivedRequest[] = [];
  const handle = (request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const received = {
        method: request.method ?? '',
        path: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks),
      };
      requests.push(received);
      answer(requests.length - 1, request, response, received);
    });
  };
  const tls = options.https
    ? await loadTlsCredentials(await mkdtemp(join(tmpdir(), 'fake-cluster-')), '127.0.0.1', undefined)
    : undefined;
  const server = tls ? createHttpsServer({ cert: tls.cert, key: tls.key }, handle) : createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    requests,
    ca: tls?.cert ?? '',
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Writes a JSON answer with extra headers. */
export function json(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
}

export const CLUSTER = {
  id: 1,
  incarnationId: 2,
  name: 'fake',
  swVersion: '7.1.2',
  type: 'Virtual',
  clusterSize: 'Small',
  nodeCount: 1,
  isClusterMfaEnabled: false,
};

/**
 * A fake cluster and an API-key client of it for one test, both closed after it. Call at
 * the top level of a test file; `start` begins a test's fake.
 */
export function fakeClusterPerTest(): {
  start(answer: Parameters<typeof startFakeCluster>[0]): Promise<{ fake: FakeCluster; client: ClusterClient }>;
} {
  let current: { fake: FakeCluster; client: ClusterClient } | undefined;
  afterEach(async () => {
    await current?.client.close();
    await current?.fake.close();
    current = undefined;
  });
  return {
    async start(answer) {
      const fake = await startFakeCluster(answer);
      current = { fake, client: new ClusterClient({ clusterVip: fake.url, apiKey: 'k' }) };
      return current;
    },
  };
}

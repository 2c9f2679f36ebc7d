import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeCluster {
  readonly url: string;
  /** Each request's method and path, in order. */
  readonly requests: { method: string; path: string }[];
  close(): Promise<void>;
}

/**
 * A tiny plain-HTTP stand-in for a cluster, for what the real server won't do on demand
 * (429 and 503 answers, silence). `answer` gets the request's 0-based index.
 */
export async function startFakeCluster(
  answer: (index: number, request: IncomingMessage, response: ServerResponse) => void,
): Promise<FakeCluster> {
  const requests: { method: string; path: string }[] = [];
  const server = createServer((request, response) => {
    requests.push({ method: request.method ?? '', path: request.url ?? '' });
    request.resume();
    answer(requests.length - 1, request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
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

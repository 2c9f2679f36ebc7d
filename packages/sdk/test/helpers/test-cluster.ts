import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ServerConfig } from '../../../server/src/config.js';
import { startTestServer, type TestServer } from '../../../server/test/helpers/start-server.js';
import {
  type AccessTokenOptions,
  type ApiKeyOptions,
  ClusterClient,
  type ClusterClientOptions,
  type ConnectionOptions,
  type PasswordOptions,
} from '../../src/index.js';

export const ADMIN_PASSWORD = 'admin-Secret-Pa55word';

type Overrides<T> = Omit<T, keyof ConnectionOptions> & Partial<ConnectionOptions>;

/** What a test may change: connection options, the password, or other credentials instead. */
export type ClientOverrides = Partial<PasswordOptions> | Overrides<ApiKeyOptions> | Overrides<AccessTokenOptions>;

export interface TestCluster {
  readonly server: TestServer;
  /** The server's self-signed certificate (PEM). */
  readonly ca: string;
  /** A client that trusts `ca` and logs in as admin unless `options` say otherwise. */
  client(options?: ClientOverrides): ClusterClient;
  /** How many password logins the server audited (successful or not). */
  logins(): Promise<number>;
  close(): Promise<void>;
}

/** The real server on a free port, and clients for it; the caller closes it in `afterAll`. */
export async function startTestCluster(overrides: Partial<ServerConfig> = {}): Promise<TestCluster> {
  const server = await startTestServer({ adminPassword: ADMIN_PASSWORD, ...overrides });
  const ca = await readFile(join(server.dataDir, 'tls-cert.pem'), 'utf8');
  const clients: ClusterClient[] = [];
  return {
    server,
    ca,
    client(options = {}) {
      const other = 'apiKey' in options || 'accessToken' in options;
      const credentials = other ? {} : { username: 'admin', password: ADMIN_PASSWORD };
      const merged = { clusterVip: server.url, tls: { ca }, ...credentials, ...options };
      const client = new ClusterClient(merged as ClusterClientOptions);
      clients.push(client);
      return client;
    },
    async logins() {
      return (await server.server.store.listAudit({ action: 'login', limit: 100_000 })).length;
    },
    async close() {
      await Promise.all(clients.map((client) => client.close()));
      await server.close();
    },
  };
}

import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveConfig, type ServerConfig } from '../../src/config.js';
import { type RunningServer, type StartOptions, startServer } from '../../src/server.js';
import { CLUSTER_KEY_ENCRYPTION_KEY } from './cluster-key.js';
import { createHttpsClient, type SendOptions, type TestResponse } from './https-client.js';

export type { SendOptions, TestResponse } from './https-client.js';

export interface TestServer {
  readonly url: string;
  readonly dataDir: string;
  readonly server: RunningServer;
  /** One HTTPS request that trusts this server's own certificate. */
  send<T = unknown>(method: string, path: string, options?: SendOptions): Promise<TestResponse<T>>;
  /** Logs in and answers the access token. */
  login(username?: string, password?: string, domain?: string): Promise<string>;
  /** Stops the server; the data dir is kept unless `removeData` (the default). */
  close(options?: { removeData?: boolean }): Promise<void>;
}

/**
 * A real server over real HTTPS on a free port, with its own temporary data dir (or the
 * one given, to test restarts). Callers close it, typically in `afterAll`/`afterEach`.
 */
export async function startTestServer(
  overrides: Partial<ServerConfig> = {},
  options: StartOptions = {},
): Promise<TestServer> {
  const dataDir = overrides.dataDir ?? (await mkdtemp(join(tmpdir(), 'cohesity-test-')));
  // Nodes of one PostgreSQL cluster share the key that encrypts the signing keys.
  const clusterKey = overrides.databaseUrl
    ? { keyEncryptionKey: Buffer.from(CLUSTER_KEY_ENCRYPTION_KEY, 'base64url') }
    : {};
  const config: ServerConfig = {
    ...resolveConfig({}, {}),
    port: 0,
    logLevel: 'silent',
    // No background compiling of the cluster API's checks unless asked: the machine is shared.
    lazyValidators: true,
    ...clusterKey,
    ...overrides,
    dataDir,
  };
  // Silent unless the test captures the production logger's output.
  const server = await startServer(config, options.logStream ? options : { logger: false, ...options });
  const ca = config.http ? undefined : await readFile(join(dataDir, 'tls-cert.pem'), 'utf8');
  const client = createHttpsClient(server.url, ca);

  return {
    url: server.url,
    dataDir,
    server,
    send: client.send,
    login: (username = 'admin', password = config.adminPassword, domain = 'LOCAL') =>
      client.login(username, password, domain),
    async close({ removeData = overrides.dataDir === undefined } = {}) {
      await server.close();
      await client.close();
      if (removeData) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

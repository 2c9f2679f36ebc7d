import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, request } from 'undici';
import { resolveConfig, type ServerConfig } from '../../src/config.js';
import { type RunningServer, type StartOptions, startServer } from '../../src/server.js';

export interface TestResponse<T = unknown> {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: T;
  text: string;
}

export interface SendOptions {
  body?: unknown;
  /** Sent as-is, instead of JSON.stringify(body). */
  rawBody?: string | Buffer;
  headers?: Record<string, string | string[]>;
}

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
  const config: ServerConfig = { ...resolveConfig({}, {}), port: 0, logLevel: 'silent', ...overrides, dataDir };
  // Silent unless the test captures the production logger's output.
  const server = await startServer(config, options.logStream ? options : { logger: false, ...options });
  const ca = config.http ? undefined : await readFile(join(dataDir, 'tls-cert.pem'), 'utf8');
  const dispatcher = new Agent({ connect: { ca }, keepAliveTimeout: 1000 });

  const send = async <T>(method: string, path: string, options: SendOptions = {}): Promise<TestResponse<T>> => {
    const hasJson = options.body !== undefined;
    const response = await request(`${server.url}${path}`, {
      method: method as 'GET',
      dispatcher,
      headers: { ...(hasJson ? { 'content-type': 'application/json' } : {}), ...options.headers },
      body: options.rawBody ?? (hasJson ? JSON.stringify(options.body) : null),
    });
    const text = await response.body.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {}
    return { status: response.statusCode, headers: response.headers, body: body as T, text };
  };

  return {
    url: server.url,
    dataDir,
    server,
    send,
    async login(username = 'admin', password = config.adminPassword, domain = 'LOCAL') {
      const response = await send<{ accessToken: string }>('POST', '/v2/access-tokens', {
        body: { username, password, domain },
      });
      if (response.status !== 201) throw new Error(`login failed: ${response.status} ${response.text}`);
      return response.body.accessToken;
    },
    async close({ removeData = overrides.dataDir === undefined } = {}) {
      await server.close();
      await dispatcher.close();
      if (removeData) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

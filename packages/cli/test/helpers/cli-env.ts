import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestServer, type TestServer } from '../../../server/test/helpers/start-server.js';

export const ADMIN_PASSWORD = 'Cli-Test-Admin-7!';

/** A real server and an empty config dir for the CLI's profiles. */
export interface CliFixture {
  server: TestServer;
  /** host:port of the server, as `--vip` takes it. */
  vip: string;
  configDir: string;
  /** COHESITY_CONFIG_DIR for the CLI, plus `extra`. */
  env(extra?: Record<string, string>): Record<string, string>;
  close(): Promise<void>;
}

export async function startCliFixture(overrides: Parameters<typeof startTestServer>[0] = {}): Promise<CliFixture> {
  const server = await startTestServer({ adminPassword: ADMIN_PASSWORD, ...overrides });
  const configDir = await mkdtemp(join(tmpdir(), 'cohesity-cli-'));
  return {
    server,
    vip: new URL(server.url).host,
    configDir,
    env: (extra = {}) => ({ COHESITY_CONFIG_DIR: configDir, ...extra }),
    async close() {
      await server.close();
      await rm(configDir, { recursive: true, force: true });
    },
  };
}

/** `cohesity login` arguments for the fixture's admin, the password coming from stdin. */
export const baseLoginArgs = (fixture: CliFixture) => [
  'login',
  '--vip',
  fixture.vip,
  '--username',
  'admin',
  '--password-stdin',
];

/** The same, trusting the certificate on first use with --yes. */
export const loginArgs = (fixture: CliFixture, ...extra: string[]) => [...baseLoginArgs(fixture), '--yes', ...extra];

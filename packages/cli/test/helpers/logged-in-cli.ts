import { afterAll, beforeAll } from 'vitest';
import { ADMIN_PASSWORD, type CliFixture, loginArgs, startCliFixture } from './cli-env.js';
import { type CliResult, requireBuiltCli, runCli } from './run-cli.js';

/** A suite's real server with the CLI's default profile logged in as admin. */
export interface LoggedInCli {
  readonly fixture: CliFixture;
  /** An admin token of the server's own, for checking what the CLI did. */
  readonly adminToken: string;
  /** The built CLI with the fixture's profiles; `input` goes to stdin. */
  cli(args: string[], input?: string): Promise<CliResult>;
}

/** Starts the server and logs the CLI in before the suite's tests, and stops it after them. */
export function useLoggedInCli(): LoggedInCli {
  let fixture: CliFixture | undefined;
  let adminToken = '';
  beforeAll(async () => {
    requireBuiltCli();
    fixture = await startCliFixture();
    const login = await runCli(loginArgs(fixture), { env: fixture.env(), input: ADMIN_PASSWORD });
    if (login.code !== 0) throw new Error(`login failed: ${login.stderr}`);
    adminToken = await fixture.server.login('admin', ADMIN_PASSWORD);
  });
  afterAll(() => fixture?.close());
  const started = () => {
    if (!fixture) throw new Error('the fixture starts in beforeAll');
    return fixture;
  };
  return {
    get fixture() {
      return started();
    },
    get adminToken() {
      return adminToken;
    },
    cli: (args, input) => runCli(args, { env: started().env(), ...(input === undefined ? {} : { input }) }),
  };
}

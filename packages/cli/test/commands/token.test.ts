import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, type CliFixture, loginArgs, startCliFixture } from '../helpers/cli-env.js';
import { requireBuiltCli, runCli } from '../helpers/run-cli.js';

// Tokens that live 1 s: every saved token is already "expired" for the CLI, which renews a
// minute early, so no test has to wait.
let fixture: CliFixture;
beforeAll(async () => {
  requireBuiltCli();
  fixture = await startCliFixture({ tokenTtlSeconds: 1 });
});
afterAll(() => fixture.close());

const savedToken = async () =>
  JSON.parse(await readFile(join(fixture.configDir, 'profiles.json'), 'utf8')).profiles.default.token.accessToken;

describe('cohesity token', () => {
  it('fails with exit 3 and a hint when the saved token expired and no password is at hand', async () => {
    expect((await runCli(loginArgs(fixture), { env: fixture.env(), input: ADMIN_PASSWORD })).code).toBe(0);
    const result = await runCli(['token'], { env: fixture.env() });
    expect(result.code).toBe(3);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/access token expired at .*hint: run 'cohesity login --profile default' again/);
  });

  it('logs in again with COHESITY_PASSWORD, prints the new token and saves it', async () => {
    expect((await runCli(loginArgs(fixture), { env: fixture.env(), input: ADMIN_PASSWORD })).code).toBe(0);
    const before = await savedToken();
    const result = await runCli(['token'], { env: fixture.env({ COHESITY_PASSWORD: ADMIN_PASSWORD }) });
    expect(result.code).toBe(0);
    const printed = result.stdout.trim();
    expect(printed).not.toBe(before);
    expect(await savedToken()).toBe(printed);
    const profiles = await readFile(join(fixture.configDir, 'profiles.json'), 'utf8');
    expect(profiles).not.toContain(ADMIN_PASSWORD);
  });

  it('logs in from COHESITY_VIP, COHESITY_USERNAME and COHESITY_PASSWORD without any profile', async () => {
    const result = await runCli(['token', '--json', '--profile', 'none'], {
      env: fixture.env({
        COHESITY_VIP: fixture.vip,
        COHESITY_USERNAME: 'admin',
        COHESITY_PASSWORD: ADMIN_PASSWORD,
        COHESITY_CA_FILE: join(fixture.server.dataDir, 'tls-cert.pem'),
      }),
    });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ tokenType: 'Bearer' });
  });
});

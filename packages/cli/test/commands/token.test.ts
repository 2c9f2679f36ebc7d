import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, type CliFixture, loginArgs, startCliFixture } from '../helpers/cli-env.js';
import { requireBuiltCli, runCli } from '../helpers/run-cli.js';

// Tokens that live 1 s: a test waits (under a second) for the saved one to pass its expiry.
let fixture: CliFixture;
beforeAll(async () => {
  requireBuiltCli();
  fixture = await startCliFixture({ tokenTtlSeconds: 1 });
});
afterAll(() => fixture.close());

const savedProfile = async () =>
  JSON.parse(await readFile(join(fixture.configDir, 'profiles.json'), 'utf8')).profiles.default;
const savedToken = async () => (await savedProfile()).token.accessToken;

/** Until the saved token's own expiry time has passed. */
async function untilExpired(): Promise<void> {
  const left = Date.parse((await savedProfile()).token.expiresAt) - Date.now();
  if (left >= 0) await new Promise((resolve) => setTimeout(resolve, left + 50));
}

describe('cohesity token', () => {
  it('fails with exit 3 and a hint when the saved token expired and no password is at hand', async () => {
    expect((await runCli(loginArgs(fixture), { env: fixture.env(), input: ADMIN_PASSWORD })).code).toBe(0);
    await untilExpired();
    const result = await runCli(['token'], { env: fixture.env() });
    expect(result.code).toBe(3);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/access token expired at .*hint: run 'cohesity login' again/);
  });

  it('logs in again with COHESITY_PASSWORD, prints the new token and saves it', async () => {
    expect((await runCli(loginArgs(fixture), { env: fixture.env(), input: ADMIN_PASSWORD })).code).toBe(0);
    const before = await savedToken();
    await untilExpired();
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

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CreatedUserApiKey } from 'cohesity-sdk/models';
import { beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, loginArgs } from '../helpers/cli-env.js';
import { useLoggedInCli } from '../helpers/logged-in-cli.js';
import { runCli } from '../helpers/run-cli.js';

const suite = useLoggedInCli();
let apiKey: string;
beforeAll(async () => {
  const created = await runCli(['api-keys', 'create', 'for-profile', '--json'], { env: suite.fixture.env() });
  apiKey = (JSON.parse(created.stdout) as CreatedUserApiKey).apiKey;
});

const cli = (args: string[], options: { input?: string; env?: Record<string, string> } = {}) =>
  runCli(args, {
    env: suite.fixture.env(options.env),
    ...(options.input === undefined ? {} : { input: options.input }),
  });
const profilesFile = async () => JSON.parse(await readFile(join(suite.fixture.configDir, 'profiles.json'), 'utf8'));

describe('cohesity login --with-api-key and auth status', () => {
  it('saves an API key read from stdin into a profile, after checking it with the cluster', async () => {
    const login = await cli(['login', '--vip', suite.fixture.vip, '--with-api-key', '--yes', '--profile', 'ci'], {
      input: `${apiKey}\n`,
    });
    expect(login.code).toBe(0);
    expect(login.stderr).toContain("as LOCAL\\admin (profile 'ci', API key saved)");
    const saved = (await profilesFile()).profiles.ci;
    expect(saved).toMatchObject({ apiKey, username: 'admin', domain: 'LOCAL' });
    expect(saved.token).toBeUndefined();
    expect((await cli(['--profile', 'ci', 'cluster', '--json'])).code).toBe(0);

    const status = await cli(['--profile', 'ci', 'auth', 'status', '--json']);
    expect(status.code).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({
      profile: 'ci',
      cluster: { vip: suite.fixture.vip, name: 'cohesity-dev' },
      user: { username: 'admin', domain: 'LOCAL' },
      credential: "the profile's API key",
      tokenExpiresAt: null,
      trust: expect.stringMatching(/^pinned certificate SHA-256 [0-9A-F:]{95}$/),
    });
  });

  it('refuses a wrong key without saving it', async () => {
    const login = await cli(['login', '--vip', suite.fixture.vip, '--with-api-key', '--yes', '--profile', 'wrong'], {
      input: '00000000-0000-4000-8000-000000000000',
    });
    expect(login.code).toBe(3);
    expect(login.stderr).toContain('the cluster refused the key');
    expect((await profilesFile()).profiles.wrong).toBeUndefined();
  });

  it('shows the token, its expiry and the trust of a password login', async () => {
    const status = await cli(['auth', 'status']);
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(/^profile\s+default$/m);
    expect(status.stdout).toMatch(/^user\.username\s+admin$/m);
    expect(status.stdout).toMatch(/^credential\s+the profile's access token$/m);
    expect(status.stdout).toMatch(/^tokenExpiresAt\s+\d{4}-\d\d-\d\dT/m);
  });
});

describe('hints that point the right way', () => {
  it('a refused COHESITY_API_KEY is told to check the key, not to log in again', async () => {
    const result = await cli(['cluster'], {
      env: { COHESITY_API_KEY: '00000000-0000-4000-8000-000000000000', COHESITY_VIP: suite.fixture.vip },
    });
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('the cluster refused COHESITY_API_KEY');
    expect(result.stderr).toContain("'cohesity api-keys create NAME'");
    expect(result.stderr).not.toContain("run 'cohesity login'");
  });

  it('a profile other than the default is named in the login hint', async () => {
    const result = await cli(['--profile', 'nowhere', 'cluster']);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain("run 'cohesity login --vip HOST --username NAME --profile nowhere'");
  });
});

describe('cohesity profiles', () => {
  it('lists the saved logins, switches the default, and removes one after confirmation', async () => {
    const listed = JSON.parse((await cli(['profiles', 'list', '--json'])).stdout);
    expect(listed.current).toBe('default');
    expect(listed.profiles.map((row: { name: string }) => row.name).sort()).toEqual(['ci', 'default']);
    expect((await cli(['profiles', 'list'])).stdout).toMatch(/^\*\s+default\s/m);

    expect((await cli(['profiles', 'use', 'ci'])).code).toBe(0);
    const status = JSON.parse((await cli(['auth', 'status', '--json'])).stdout);
    expect(status).toMatchObject({ profile: 'ci', credential: "the profile's API key" });
    const unknown = await cli(['profiles', 'use', 'nope']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("no profile 'nope'");

    const refused = await cli(['profiles', 'remove', 'ci']);
    expect(refused.code).toBe(2);
    expect((await profilesFile()).profiles.ci).toBeDefined();
    expect((await cli(['profiles', 'remove', 'ci', '--yes'])).code).toBe(0);
    const after = await profilesFile();
    expect(after.profiles.ci).toBeUndefined();
    expect(after.current).toBeUndefined();
  });

  it('logout says the token stays valid on the cluster, and how to end it', async () => {
    await cli(loginArgs(suite.fixture, '--profile', 'short'), { input: ADMIN_PASSWORD });
    const token = (await profilesFile()).profiles.short.token.accessToken;
    const result = await cli(['logout', '--profile', 'short']);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('stays valid on the cluster until');
    expect(result.stderr).toContain('cohesity users passwd admin');
    // What it says is true: the cluster still takes the token.
    const still = await suite.fixture.server.send('GET', '/v2/clusters', {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(still.status).toBe(200);
  });
});

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AccessTokenResponse, Cluster, CreatedUserApiKey, UserApiKeys } from 'cohesity-sdk/models';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, type CliFixture, loginArgs, startCliFixture } from '../helpers/cli-env.js';
import { requireBuiltCli, runCli } from '../helpers/run-cli.js';

let fixture: CliFixture;
beforeAll(async () => {
  requireBuiltCli();
  fixture = await startCliFixture();
});
afterAll(() => fixture.close());

/** Runs the CLI with the fixture's profiles, expecting success, and answers stdout. */
async function ok(args: string[], extraEnv: Record<string, string> = {}): Promise<string> {
  const result = await runCli(args, { env: fixture.env(extraEnv) });
  expect(result.stderr).not.toContain('cohesity:');
  expect(result.code).toBe(0);
  return result.stdout;
}

const statusWithKey = async (apiKey: string) =>
  (await fixture.server.send('GET', '/v2/clusters', { headers: { apiKey } })).status;

describe('login → token → cluster → api-keys → logout', () => {
  it('walks the whole path with the built binary', async () => {
    const login = await runCli(loginArgs(fixture), { env: fixture.env(), input: `${ADMIN_PASSWORD}\n` });
    expect(login.code).toBe(0);

    const token = (await ok(['token'])).trim();
    const withToken = await fixture.server.send('GET', '/v2/clusters', {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(withToken.status).toBe(200);
    const full = JSON.parse(await ok(['token', '--json'])) as AccessTokenResponse;
    expect(Object.keys(full).sort()).toEqual(['accessToken', 'privileges', 'tokenType']);
    expect(full).toMatchObject({ accessToken: token, tokenType: 'Bearer' });
    expect(full.privileges).toContain('CLUSTER_VIEW');

    const cluster = JSON.parse(await ok(['cluster', '--json'])) as Cluster;
    expect(cluster).toEqual(withToken.body);
    expect(await ok(['cluster'])).toMatch(/^swVersion\s+7\.1\.2_u3/m);

    const created = JSON.parse(await ok(['api-keys', 'create', 'ci', '--json'])) as CreatedUserApiKey;
    expect(created).toMatchObject({ name: 'ci', isActive: true, expiryTimeMsecs: null });
    expect(await statusWithKey(created.apiKey)).toBe(200);

    // The key alone, from the environment, without any profile: a script's setup.
    const ca = join(fixture.server.dataDir, 'tls-cert.pem');
    const keyEnv = (apiKey: string) => ({
      COHESITY_CONFIG_DIR: join(fixture.configDir, 'no-profiles'),
      COHESITY_VIP: fixture.vip,
      COHESITY_API_KEY: apiKey,
      COHESITY_CA_FILE: ca,
    });
    const viaKey = await runCli(['cluster', '--json'], { env: keyEnv(created.apiKey) });
    expect(viaKey.code).toBe(0);
    expect(JSON.parse(viaKey.stdout)).toEqual(cluster);

    const rotated = JSON.parse(await ok(['api-keys', 'rotate', created.id, '--json'])) as CreatedUserApiKey;
    expect(rotated.id).toBe(created.id);
    expect(rotated.apiKey).not.toBe(created.apiKey);
    expect(await statusWithKey(created.apiKey)).toBe(401);
    expect(await statusWithKey(rotated.apiKey)).toBe(200);
    const oldKey = await runCli(['cluster'], { env: keyEnv(created.apiKey) });
    expect(oldKey.code).toBe(3);
    expect(oldKey.stderr).toContain('API Key');

    const listed = JSON.parse(await ok(['api-keys', 'list', '--json'])) as UserApiKeys;
    expect(listed.apiKeys.map((key) => key.id)).toContain(created.id);
    expect(JSON.stringify(listed)).not.toContain(rotated.apiKey);
    expect(await ok(['api-keys', 'list'])).toMatch(new RegExp(`^${created.id}\\s+ci\\s`, 'm'));

    await ok(['api-keys', 'delete', created.id, '--yes']);
    const after = JSON.parse(await ok(['api-keys', 'list', '--json'])) as UserApiKeys;
    expect(after.apiKeys.map((key) => key.id)).not.toContain(created.id);
    expect(await statusWithKey(rotated.apiKey)).toBe(401);

    await ok(['logout']);
    const profiles = await readFile(join(fixture.configDir, 'profiles.json'), 'utf8').catch(() => '');
    expect(profiles).not.toContain(token);
    const loggedOut = await runCli(['token'], { env: fixture.env() });
    expect(loggedOut.code).toBe(3);
    expect(loggedOut.stdout).toBe('');
    expect(loggedOut.stderr).toContain("run 'cohesity login --vip HOST --username NAME'");
  }, 120_000); // some twenty processes in a row, on a shared machine

  it('prints only the secret on stdout for api-keys create without --json, so $(…) captures it', async () => {
    await runCli(loginArgs(fixture), { env: fixture.env(), input: ADMIN_PASSWORD });
    const result = await runCli(['api-keys', 'create', 'captured'], { env: fixture.env() });
    expect(result.code).toBe(0);
    const secret = result.stdout.trim();
    expect(secret).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(result.stderr).toContain('only time');
    expect(await statusWithKey(secret)).toBe(200);
  });
});

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SecurityConfig, UserApiKeys } from 'cohesity-sdk/models';
import { describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, loginArgs, startCliFixture } from '../helpers/cli-env.js';
import { useLoggedInCli } from '../helpers/logged-in-cli.js';
import { runCli } from '../helpers/run-cli.js';

const suite = useLoggedInCli();

const { cli } = suite;
const asAdmin = { headers: () => ({ authorization: `Bearer ${suite.adminToken}` }) };
const securityConfig = async () =>
  (await suite.fixture.server.send<SecurityConfig>('GET', '/v2/security-config', { headers: asAdmin.headers() })).body;

describe('refused before anything changes', () => {
  it('config set refuses a misspelt key, names it and changes nothing', async () => {
    const before = await securityConfig();
    const result = await cli(['config', 'set', 'authTokenTimeoutMinutes=90', 'sessionConfiguration.limitSesions=true']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("config set: no setting 'sessionConfiguration.limitSesions'");
    expect(result.stderr).toContain("run 'cohesity config get'");
    expect(await securityConfig()).toEqual(before);
    expect((await cli(['config', 'set', 'authTokenTimeoutMinutes=90'])).code).toBe(0);
    expect((await securityConfig()).authTokenTimeoutMinutes).toBe(90);
  });

  it('api-keys create refuses an expiry in the past', async () => {
    const result = await cli(['api-keys', 'create', 'old', '--expires', '2020-01-01']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--expires '2020-01-01' is in the past");
    expect(result.stderr).toMatch(/e\.g\. --expires \d{4}-\d\d-\d\d/);
    const { apiKeys } = JSON.parse((await cli(['api-keys', 'list', '--json'])).stdout) as UserApiKeys;
    expect(apiKeys.map((key) => key.name)).not.toContain('old');
  });
});

describe('short token lifetimes', () => {
  it('a 40-second token is used, not reported as expired at a time still to come', async () => {
    const short = await startCliFixture({ tokenTtlSeconds: 40 });
    try {
      expect((await runCli(loginArgs(short), { env: short.env(), input: ADMIN_PASSWORD })).code).toBe(0);
      const saved = JSON.parse(await readFile(join(short.configDir, 'profiles.json'), 'utf8')).profiles.default.token;
      expect(Date.parse(saved.expiresAt) - Date.parse(saved.issuedAt)).toBeLessThanOrEqual(40_000);
      const result = await runCli(['cluster', '--json'], { env: short.env() });
      expect(result.stderr).not.toContain('expired');
      expect(result.code).toBe(0);
    } finally {
      await short.close();
    }
  });
});

describe('plain HTTP', () => {
  it('reaches a --http server through an http:// VIP without --insecure', async () => {
    const plain = await startCliFixture({ http: true });
    try {
      const vip = `http://${plain.vip}`;
      const login = await runCli(['login', '--vip', vip, '--username', 'admin', '--password-stdin'], {
        env: plain.env(),
        input: ADMIN_PASSWORD,
      });
      expect(login.code).toBe(0);
      expect(login.stderr).toContain('plain HTTP');
      expect(login.stderr).not.toContain('certificate');
      const cluster = await runCli(['cluster', '--json'], { env: plain.env() });
      expect(cluster.code).toBe(0);
      const status = JSON.parse((await runCli(['auth', 'status', '--json'], { env: plain.env() })).stdout);
      expect(status.trust).toBe('plain HTTP: no TLS');
    } finally {
      await plain.close();
    }
  });

  it('says an http:// VIP answers HTTPS, instead of calling it a changed certificate', async () => {
    const result = await runCli(
      ['login', '--vip', `http://${suite.fixture.vip}`, '--username', 'admin', '--password-stdin'],
      {
        env: suite.fixture.env(),
        input: ADMIN_PASSWORD,
      },
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('answers HTTPS, not plain HTTP');
    expect(result.stderr).toContain(`use --vip ${suite.fixture.vip}`);
    expect(result.stderr).not.toMatch(/certificate CHANGED|changed since login/);
  });
});

describe('a locked account', () => {
  it('is told to wait or ask for an unlock, not to check its password', async () => {
    expect((await cli(['config', 'set', 'accountLockout.maxFailedLoginAttempts=2'])).code).toBe(0);
    const wrong = await runCli(
      ['login', '--vip', suite.fixture.vip, '--username', 'admin', '--password-stdin', '--yes', '--profile', 'x'],
      {
        env: suite.fixture.env(),
        input: 'Wrong-Password-1!',
      },
    );
    expect(wrong.stderr).toContain('check the username, password and --domain');
    await runCli([...loginArgs(suite.fixture), '--profile', 'x'], {
      env: suite.fixture.env(),
      input: 'Wrong-Password-1!',
    });
    const locked = await runCli(
      ['login', '--vip', suite.fixture.vip, '--username', 'admin', '--password-stdin', '--yes', '--profile', 'x'],
      {
        env: suite.fixture.env(),
        input: ADMIN_PASSWORD,
      },
    );
    expect(locked.code).toBe(3);
    expect(locked.stderr).toContain('locked');
    expect(locked.stderr).toContain("ask an admin to run 'cohesity users unlock admin'");
    expect(locked.stderr).not.toContain('check the username, password');
    // The hinted command works (the saved token of the default profile is still valid).
    expect((await cli(['users', 'unlock', 'admin'])).code).toBe(0);
    expect(
      (
        await runCli([...loginArgs(suite.fixture), '--profile', 'x'], {
          env: suite.fixture.env(),
          input: ADMIN_PASSWORD,
        })
      ).code,
    ).toBe(0);
  });
});

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Users } from 'cohesity-sdk/models';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, STRONG_PASSWORD } from '../../../server/test/helpers/identity.js';
import { createMfaUser, enableMfa, enrolTotp, totpCode } from '../../../server/test/helpers/mfa.js';
import { webLogin } from '../../../server/test/helpers/web-login.js';
import { ADMIN_PASSWORD, type CliFixture, loginArgs, startCliFixture } from '../helpers/cli-env.js';
import { requireBuiltCli, runCli, runCliInTerminal } from '../helpers/run-cli.js';

let fixture: CliFixture;
let admin: Record<string, string>;
beforeAll(async () => {
  requireBuiltCli();
  fixture = await startCliFixture({ loginRateLimit: 0 });
  admin = bearer(await fixture.server.login('admin', ADMIN_PASSWORD));
});
afterAll(() => fixture.close());

const readProfiles = async () => JSON.parse(await readFile(join(fixture.configDir, 'profiles.json'), 'utf8'));
const userLogin = (username: string, ...extra: string[]) => [
  'login',
  '--vip',
  fixture.vip,
  '--username',
  username,
  '--yes',
  ...extra,
];

describe('cohesity login, login flows', () => {
  it('--tenant saves the tenant and every later command impersonates it', async () => {
    await fixture.server.send('POST', '/v2/tenants', {
      headers: admin,
      body: { name: 'Cli Org', tenantIdSuffix: 'cliorg' },
    });
    await fixture.server.send('POST', '/v2/users', {
      headers: { ...admin, 'x-impersonate-tenant-id': 'cliorg/' },
      body: [{ username: 'cleo', roles: ['COHESITY_VIEWER'], localUserParams: { password: STRONG_PASSWORD } }],
    });
    const login = await runCli([...loginArgs(fixture, '--tenant', 'cli org'), '--profile', 'tenant'], {
      env: fixture.env(),
      input: ADMIN_PASSWORD,
    });
    expect(login.code, login.stderr).toBe(0);
    expect((await readProfiles()).profiles.tenant.tenantId).toBe('cliorg/');
    const listed = await runCli(['--profile', 'tenant', 'users', 'list', '--json'], { env: fixture.env() });
    expect((JSON.parse(listed.stdout) as Users).users.map((u) => u.username)).toEqual(['cleo@cliorg']);
  });

  it('--otp passes the MFA code; without it the code is asked at the prompt', async () => {
    await createMfaUser(fixture.server, await fixture.server.login('admin', ADMIN_PASSWORD), 'cli-mfa');
    await enableMfa(fixture.server, admin);
    try {
      const { cookie } = await webLogin(fixture.server, 'cli-mfa', STRONG_PASSWORD);
      const key = await enrolTotp(fixture.server, cookie);
      const scripted = await runCli(
        [...userLogin('cli-mfa', '--password-stdin', '--otp', totpCode(key.totpSecretKey)), '--profile', 'mfa'],
        {
          env: fixture.env(),
          input: STRONG_PASSWORD,
        },
      );
      expect(scripted.code, scripted.stderr).toBe(0);
      const prompted = await runCliInTerminal(
        [...userLogin('cli-mfa'), '--profile', 'mfa-tty'],
        [
          { expect: /Password for cli-mfa: /, send: `${STRONG_PASSWORD}\r` },
          { expect: /MFA code: /, send: `${totpCode(key.totpSecretKey, 1)}\r` },
        ],
        { env: fixture.env() },
      );
      expect(prompted.code, prompted.screen).toBe(0);
    } finally {
      await fixture.server.send('PUT', '/v2/mfa-config', { headers: admin, body: { enabled: false } });
    }
  });

  it('changes a forced password at the prompt, then logs in with the new one', async () => {
    await fixture.server.send('POST', '/v2/users', {
      headers: admin,
      body: [
        {
          username: 'cli-forced',
          roles: ['COHESITY_VIEWER'],
          forcePasswordChange: true,
          localUserParams: { password: STRONG_PASSWORD },
        },
      ],
    });
    const next = 'Cli-New-Pass-31!';
    const run = await runCliInTerminal(
      [...userLogin('cli-forced'), '--profile', 'forced'],
      [
        { expect: /Password for cli-forced: /, send: `${STRONG_PASSWORD}\r` },
        { expect: /New password: /, send: `${next}\r` },
        { expect: /New password again: /, send: `${next}\r` },
      ],
      { env: fixture.env() },
    );
    expect(run.code, run.screen).toBe(0);
    expect(
      (await fixture.server.send('POST', '/v2/access-tokens', { body: { username: 'cli-forced', password: next } }))
        .status,
    ).toBe(201);
    const token = (await readProfiles()).profiles.forced.token.accessToken;
    expect((await fixture.server.send('GET', '/v2/clusters', { headers: bearer(token) })).status).toBe(200);
  });
});

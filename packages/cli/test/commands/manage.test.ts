import type { SecurityConfig, SessionsCount, Users } from 'cohesity-sdk/models';
import { describe, expect, it } from 'vitest';
import { STRONG_PASSWORD } from '../../../server/test/helpers/identity.js';
import { withSessionManagement } from '../../../server/test/helpers/session-management.js';
import { ADMIN_PASSWORD } from '../helpers/cli-env.js';
import { useLoggedInCli } from '../helpers/logged-in-cli.js';
import { runCli } from '../helpers/run-cli.js';

const suite = useLoggedInCli();

const { cli } = suite;
const serverUsers = async () =>
  (
    await suite.fixture.server.send<Users>('GET', '/v2/users', {
      headers: { authorization: `Bearer ${suite.adminToken}` },
    })
  ).body.users;

describe('cohesity users', () => {
  it('creates a user with a password from stdin, lists it, and deletes it by name', async () => {
    const created = await cli(
      ['users', 'create', 'ops', '--role', 'COHESITY_OPERATOR', '--password-stdin', '--json'],
      STRONG_PASSWORD,
    );
    expect(created.code).toBe(0);
    expect(JSON.stringify(JSON.parse(created.stdout))).not.toContain(STRONG_PASSWORD);
    const ops = (await serverUsers()).find((user) => user.username === 'ops');
    expect(ops?.roles).toEqual(['COHESITY_OPERATOR']);

    const listed = JSON.parse((await cli(['users', 'list', '--json'])).stdout) as Users;
    expect(listed.users.map((user) => user.username).sort()).toEqual(['admin', 'ops']);
    expect((await cli(['users', 'list'])).stdout).toMatch(/^S-1-\S+\s+ops\s+LOCAL\s+COHESITY_OPERATOR\s+false/m);

    const deleted = await cli(['users', 'delete', 'ops', '--yes']);
    expect(deleted.code).toBe(0);
    expect((await serverUsers()).map((user) => user.username)).toEqual(['admin']);
  });

  it('exits 1 with the cluster message when the password breaks the policy', async () => {
    const result = await cli(['users', 'create', 'weak', '--password-stdin'], 'short');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^cohesity: POST \/v2\/users: .*\(KValidationError\)/);
    expect((await serverUsers()).map((user) => user.username)).toEqual(['admin']);
  });

  it('exits 1 with a privilege hint when a viewer tries to create a user', async () => {
    await cli(['users', 'create', 'viewer', '--password-stdin'], STRONG_PASSWORD);
    const viewerLogin = ['login', '--vip', suite.fixture.vip, '--username', 'viewer', '--password-stdin', '--yes'];
    const login = await runCli([...viewerLogin, '--profile', 'viewer'], {
      env: suite.fixture.env(),
      input: STRONG_PASSWORD,
    });
    expect(login.code).toBe(0);
    const result = await runCli(['--profile', 'viewer', 'users', 'create', 'nope', '--password-stdin'], {
      env: suite.fixture.env(),
      input: STRONG_PASSWORD,
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('KPrivilegeError');
    expect(result.stderr).toContain('hint: ask an admin');
    expect((await serverUsers()).map((user) => user.username)).not.toContain('nope');
  });
});

describe('cohesity sessions', () => {
  it('counts sessions per user and ends one user’s sessions', async () => {
    const admin = { authorization: `Bearer ${await suite.fixture.server.login('admin', ADMIN_PASSWORD)}` };
    const session = await withSessionManagement(suite.fixture.server, admin, () =>
      suite.fixture.server.send('POST', '/v2/users/sessions', {
        body: { username: 'admin', password: ADMIN_PASSWORD, domain: 'LOCAL' },
      }),
    );
    expect(session.status).toBe(201);
    const counts = JSON.parse((await cli(['sessions', 'list', '--json'])).stdout) as SessionsCount;
    expect(counts.totalSessionsCount).toBe(1);
    const adminSid = counts.sessionsPerUser[0]?.sid ?? '';
    expect((await cli(['sessions', 'delete', '--user', adminSid])).code).toBe(0);
    const after = JSON.parse((await cli(['sessions', 'list', '--json'])).stdout) as SessionsCount;
    expect(after.totalSessionsCount).toBe(0);
  });

  it('refuses sessions delete without --user or --all (exit 2), ending nothing', async () => {
    const result = await cli(['sessions', 'delete']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('give --user SID or --all');
  });
});

describe('cohesity config', () => {
  it('sets nested settings from KEY=VALUE and reads them back', async () => {
    const set = await cli(['config', 'set', 'authTokenTimeoutMinutes=90', 'sessionConfiguration.limitSessions=true']);
    expect(set.code).toBe(0);
    const config = await suite.fixture.server.send<SecurityConfig>('GET', '/v2/security-config', {
      headers: { authorization: `Bearer ${suite.adminToken}` },
    });
    expect(config.body.authTokenTimeoutMinutes).toBe(90);
    expect(config.body.sessionConfiguration.limitSessions).toBe(true);
    expect(config.body.sessionConfiguration.sessionLimitPerUser).toBe(10);
    expect((await cli(['config', 'get', 'authTokenTimeoutMinutes'])).stdout).toBe('90\n');
    const all = JSON.parse((await cli(['config', 'get', '--json'])).stdout) as SecurityConfig;
    expect(all).toEqual(config.body);
  });

  it('exits 1 with the cluster message on an out-of-range value, changing nothing', async () => {
    const result = await cli(['config', 'set', 'authTokenTimeoutMinutes=0']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('KValidationError');
    expect((await cli(['config', 'get', 'authTokenTimeoutMinutes'])).stdout).toBe('90\n');
  });
});

describe('cohesity request', () => {
  it('calls any endpoint with the profile’s token and prints the JSON answer', async () => {
    const result = await cli(['request', 'GET', '/irisservices/api/v1/public/sessionUser']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ username: 'admin', domain: 'LOCAL' });
  });

  it('sends --data as the body and --query as parameters', async () => {
    const put = await cli(['request', 'PUT', '/v2/security-config', '--data', '{"authTokenTimeoutMinutes":120}']);
    expect(put.code).toBe(0);
    expect(JSON.parse(put.stdout).authTokenTimeoutMinutes).toBe(120);
    const users = await cli(['request', 'GET', '/v2/users', '--query', 'usernames=admin']);
    expect((JSON.parse(users.stdout) as Users).users.map((user) => user.username)).toEqual(['admin']);
  });

  it('exits 2 on --data that is not JSON, before sending anything', async () => {
    const result = await cli(['request', 'POST', '/v2/users', '--data', '{nope']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--data is not JSON');
  });

  it('exits 1 with the cluster’s 404 for an unknown path', async () => {
    const result = await cli(['request', 'GET', '/v2/nowhere']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('KNotFound');
  });
});

import type { User, Users } from 'cohesity-sdk/models';
import { describe, expect, it } from 'vitest';
import { STRONG_PASSWORD } from '../../../server/test/helpers/identity.js';
import { useLoggedInCli } from '../helpers/logged-in-cli.js';
import { runCliInTerminal } from '../helpers/run-cli.js';

const suite = useLoggedInCli();

const { cli } = suite;
const serverUser = async (username: string): Promise<User | undefined> =>
  (
    await suite.fixture.server.send<Users>('GET', `/v2/users?usernames=${username}`, {
      headers: { authorization: `Bearer ${suite.adminToken}` },
    })
  ).body.users[0];
const logInAs = (username: string, password: string) =>
  suite.fixture.server.send('POST', '/v2/access-tokens', { body: { username, password, domain: 'LOCAL' } });

describe('cohesity users update, unlock and passwd', () => {
  it('changes roles, e-mail and description, and refuses an unknown role listing the allowed ones', async () => {
    expect((await cli(['users', 'create', 'upd', '--password-stdin'], STRONG_PASSWORD)).code).toBe(0);
    const updated = await cli(['users', 'update', 'upd', '--role', 'cohesity_operator', '--email', 'upd@example.com']);
    expect(updated.code).toBe(0);
    expect(await serverUser('upd')).toMatchObject({
      roles: ['COHESITY_OPERATOR'],
      localUserParams: { email: 'upd@example.com' },
    });

    const bad = await cli(['users', 'update', 'upd', '--role', 'COHESITY_ROOT']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("'COHESITY_ROOT' is not a role");
    expect(bad.stderr).toContain('COHESITY_ADMIN, COHESITY_VIEWER, COHESITY_OPERATOR');
    const badCreate = await cli(['users', 'create', 'nobody', '--role', 'admin', '--password-stdin'], STRONG_PASSWORD);
    expect(badCreate.code).toBe(2);
    expect(badCreate.stderr).toContain("'admin' is not a role");
    expect(await serverUser('nobody')).toBeUndefined();
    expect((await serverUser('upd'))?.roles).toEqual(['COHESITY_OPERATOR']);

    const nothing = await cli(['users', 'update', 'upd']);
    expect(nothing).toMatchObject({ code: 2 });
    expect(nothing.stderr).toContain('nothing to change');
  });

  it('locks with update --lock and unlocks with unlock', async () => {
    expect((await cli(['users', 'create', 'lck', '--password-stdin'], STRONG_PASSWORD)).code).toBe(0);
    expect((await cli(['users', 'update', 'lck', '--lock'])).code).toBe(0);
    expect((await serverUser('lck'))?.locked).toBe(true);
    expect((await logInAs('lck', STRONG_PASSWORD)).status).toBe(400);
    const unlocked = await cli(['users', 'unlock', 'lck']);
    expect(unlocked.code).toBe(0);
    expect((await serverUser('lck'))?.locked).toBe(false);
    expect((await logInAs('lck', STRONG_PASSWORD)).status).toBe(201);
  });

  it('sets a password from stdin, and asks twice on a terminal', async () => {
    expect((await cli(['users', 'create', 'pw', '--password-stdin'], STRONG_PASSWORD)).code).toBe(0);
    const next = 'Next-Password-7!';
    const changed = await cli(['users', 'passwd', 'pw', '--password-stdin'], next);
    expect(changed.code).toBe(0);
    expect((await logInAs('pw', STRONG_PASSWORD)).status).toBe(400);
    expect((await logInAs('pw', next)).status).toBe(201);

    const third = 'Third-Password-8!';
    const typed = await runCliInTerminal(
      ['users', 'passwd', 'pw'],
      [
        { expect: /New password for pw: $/, send: `${third}\r` },
        { expect: /Again: $/, send: `${third}\r` },
      ],
      { env: suite.fixture.env() },
    );
    expect(typed.code).toBe(0);
    expect(typed.screen).not.toContain(third);
    expect((await logInAs('pw', third)).status).toBe(201);
  });

  it('asks before deleting, refuses without a terminal unless --yes, and deletes on y', async () => {
    expect((await cli(['users', 'create', 'del', '--password-stdin'], STRONG_PASSWORD)).code).toBe(0);
    const piped = await cli(['users', 'delete', 'del']);
    expect(piped.code).toBe(2);
    expect(piped.stderr).toContain('pass --yes');
    expect(await serverUser('del')).toBeDefined();

    const declined = await runCliInTerminal(['users', 'delete', 'del'], [{ expect: /\[y\/N\] /, send: 'n\r' }], {
      env: suite.fixture.env(),
    });
    expect(declined.code).toBe(2);
    expect(declined.screen).toContain('not confirmed, nothing changed');
    expect(await serverUser('del')).toBeDefined();

    const accepted = await runCliInTerminal(['users', 'delete', 'del'], [{ expect: /\[y\/N\] /, send: 'y\r' }], {
      env: suite.fixture.env(),
    });
    expect(accepted.code).toBe(0);
    expect(accepted.screen).toContain('Delete user LOCAL\\del');
    expect(await serverUser('del')).toBeUndefined();
  });

  it('asks before ending every session on the cluster', async () => {
    const piped = await cli(['sessions', 'delete', '--all']);
    expect(piped.code).toBe(2);
    expect(piped.stderr).toContain('pass --yes');
    expect((await cli(['sessions', 'delete', '--all', '--yes'])).code).toBe(0);
  });

  it('names the user that does not exist and the command that lists them', async () => {
    const result = await cli(['users', 'unlock', 'ghost']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      "unlock user ghost: no user 'ghost' on the cluster (hint: run 'cohesity users list'",
    );
  });
});

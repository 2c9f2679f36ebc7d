import type { ErrorBody, User } from 'cohesity-sdk/models';
import { describe, expect, it } from 'vitest';
import { bearer, STRONG_PASSWORD } from '../helpers/identity.js';
import { useLockoutCluster } from '../helpers/lockout-cluster.js';
import { createMfaUser, enableMfa, lastEmailCode } from '../helpers/mfa.js';
import { postgresReachable } from '../helpers/postgres.js';
import type { TestServer } from '../helpers/start-server.js';
import { STORES } from '../helpers/store-server.js';
import { V1 } from '../helpers/web-login.js';

const reachable = await postgresReachable('MFA and current-password races on PostgreSQL');
const MAX_ATTEMPTS = 5;
const BURST = 3 * MAX_ATTEMPTS;
const LOCKED = /^The account is locked because of too many failed login attempts/;

/** Wrong MFA codes and wrong current passwords count like wrong passwords, however many race. */
describe.each(STORES)('second factors and current passwords under a burst of guesses, on %s', (_store, onPostgres) => {
  const cluster = useLockoutCluster(onPostgres, MAX_ATTEMPTS, onPostgres && !reachable);

  const node = (i: number) => cluster().nodes[i % cluster().nodes.length] as TestServer;
  const counts = (answers: { status: number; body: ErrorBody }[], wrongText: string) => ({
    wrong: answers.filter((a) => a.status === 400 && a.body.message === wrongText).length,
    locked: answers.filter((a) => a.status === 400 && LOCKED.test(a.body.message)).length,
  });

  it.skipIf(onPostgres && !reachable)(
    `answers exactly ${MAX_ATTEMPTS - 1} of ${BURST} wrong MFA codes sent together as wrong, then refuses the right one`,
    async () => {
      await createMfaUser(cluster().server.t, cluster().adminToken, 'code-guesser');
      await enableMfa(cluster().server.t, bearer(cluster().adminToken));
      try {
        const login = (i: number, otpType: string, otpCode: string) =>
          node(i).send<ErrorBody>('POST', `${V1}/accessTokens`, {
            body: { domain: 'LOCAL', username: 'code-guesser', password: STRONG_PASSWORD, otpType, otpCode },
          });
        // A right (emailed) code, asked for before the burst and given after the lock.
        const sent = await cluster().server.t.send('POST', '/v2/email-otp', {
          body: { domain: 'LOCAL', username: 'code-guesser', password: STRONG_PASSWORD },
        });
        expect(sent.status).toBe(204);
        const answers = await Promise.all(
          Array.from({ length: BURST }, (_, i) => login(i, 'Totp', String(100_000 + i))),
        );
        const invalid =
          '[13]:OTP code validation for user code-guesser failed with error: Invalid TOTP code for user code-guesser.';
        expect(counts(answers, invalid)).toEqual({ wrong: MAX_ATTEMPTS - 1, locked: BURST - MAX_ATTEMPTS + 1 });

        // The right password and the right code, after the lock: still locked.
        const right = await login(0, 'Email', await lastEmailCode(cluster().server.t, 'code-guesser'));
        expect(right.body.message).toMatch(LOCKED);
      } finally {
        await cluster().server.t.send('PUT', '/v2/mfa-config', {
          headers: bearer(cluster().adminToken),
          body: { enabled: false },
        });
      }
    },
  );

  it.skipIf(onPostgres && !reachable)(
    `answers exactly ${MAX_ATTEMPTS - 1} of ${BURST} wrong current passwords sent together as wrong, changing nothing`,
    async () => {
      const response = await cluster().server.t.send<{ users: User[] }>('POST', '/v2/users', {
        headers: bearer(cluster().adminToken),
        body: [{ username: 'changer', roles: ['COHESITY_VIEWER'], localUserParams: { password: STRONG_PASSWORD } }],
      });
      const sid = response.body.users[0]?.sid as string;
      const token = await cluster().server.t.login('changer', STRONG_PASSWORD);
      const change = (i: number, currentPassword: string) =>
        node(i).send<ErrorBody>('PUT', `/v2/users/${sid}`, {
          headers: bearer(token),
          body: { localUserParams: { currentPassword, password: `New-Password-${i}` } },
        });
      const answers = await Promise.all(Array.from({ length: BURST }, (_, i) => change(i, `Wrong-guess-${i}`)));
      expect(counts(answers, 'The current password is not correct')).toEqual({
        wrong: MAX_ATTEMPTS - 1,
        locked: BURST - MAX_ATTEMPTS + 1,
      });
      // The right current password, past the lock: refused, and the password is unchanged.
      expect((await change(0, STRONG_PASSWORD)).body.message).toMatch(LOCKED);
      const stillOld = await cluster().server.t.send('POST', '/v2/access-tokens', {
        body: { username: 'changer', password: STRONG_PASSWORD },
        headers: { 'x-forwarded-for': '192.0.2.99' },
      });
      expect(stillOld.status).toBe(201);
    },
  );
});

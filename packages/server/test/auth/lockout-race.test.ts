import type { ErrorBody } from 'cohesity-sdk/models';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lockoutKey } from '../../src/accounts/lockout-key.js';
import { createUser, STRONG_PASSWORD } from '../helpers/identity.js';
import { useLockoutCluster } from '../helpers/lockout-cluster.js';
import { postgresReachable } from '../helpers/postgres.js';
import type { TestServer } from '../helpers/start-server.js';
import { STORES } from '../helpers/store-server.js';

const reachable = await postgresReachable('lockout races on PostgreSQL');
const MAX_ATTEMPTS = 5;
const LOCKED = /^The account is locked because of too many failed login attempts/;

const INVALID = 'Invalid Username or Password';

/** Answers that told the guesser anything: a success, or a wrong password before the lock. */
const informative = (answers: { status: number; body: ErrorBody }[]) =>
  answers.filter((a) => a.status === 201 || (a.status === 400 && a.body.message === INVALID)).length;

describe.each(STORES)('lockout under a burst of guesses, on %s', (_store, onPostgres) => {
  const cluster = useLockoutCluster(onPostgres, MAX_ATTEMPTS, onPostgres && !reachable);

  const login = (node: TestServer, username: string, password: string, ip = '198.51.100.1') =>
    node.send<ErrorBody>('POST', '/v2/access-tokens', {
      body: { username, password, domain: 'LOCAL' },
      headers: { 'x-forwarded-for': ip },
    });

  /** Sends every password at once, spread over the cluster().nodes, and answers each answer. */
  const burst = (username: string, passwords: readonly string[], ip?: string) =>
    Promise.all(
      passwords.map((password, i) =>
        login(cluster().nodes[i % cluster().nodes.length] as TestServer, username, password, ip),
      ),
    );

  it.skipIf(onPostgres && !reachable)(
    `answers at most ${MAX_ATTEMPTS} of 60 guesses sent together with anything but "locked", the right password among the last`,
    async () => {
      await createUser(cluster().server.t, cluster().adminToken, 'raced');
      const answers = await burst(
        'raced',
        Array.from({ length: 60 }, (_, i) => (i === 59 ? STRONG_PASSWORD : `wrong-${i}`)),
      );
      expect(answers.every((answer) => answer.status < 500)).toBe(true);
      expect(informative(answers)).toBeLessThanOrEqual(MAX_ATTEMPTS);
      expect(answers.filter((a) => a.status === 400 && a.body.message === INVALID).length).toBe(MAX_ATTEMPTS - 1);
      expect((await login(cluster().server.t, 'raced', STRONG_PASSWORD)).body.message).toMatch(LOCKED);
    },
  );

  it.skipIf(onPostgres && !reachable)(
    `logs in all of ${MAX_ATTEMPTS * 3} right passwords sent together, counting none as a failure`,
    async () => {
      await createUser(cluster().server.t, cluster().adminToken, 'popular');
      const answers = await burst('popular', Array(MAX_ATTEMPTS * 3).fill(STRONG_PASSWORD));
      expect(answers.map((a) => a.status)).toEqual(Array(MAX_ATTEMPTS * 3).fill(201));
      expect(
        await cluster().server.t.server.store.getLoginFailures(lockoutKey('popular', 'LOCAL', '198.51.100.1')),
      ).toBe(undefined);
    },
  );

  it.skipIf(onPostgres && !reachable)(
    'locks a burst of wrong passwords exactly at the limit, and lets no right one past it, whatever the mix',
    async () => {
      let run = 0;
      await fc.assert(
        fc.asyncProperty(fc.array(fc.boolean(), { minLength: 1, maxLength: 3 * MAX_ATTEMPTS }), async (rightOnes) => {
          const username = `mix-${run++}`;
          await createUser(cluster().server.t, cluster().adminToken, username);
          const answers = await burst(
            username,
            rightOnes.map((right, i) => (right ? STRONG_PASSWORD : `wrong-${i}`)),
          );
          const wrong = rightOnes.filter((right) => !right).length;
          const invalid = answers.filter((a) => a.status === 400 && a.body.message === INVALID).length;
          const locked = answers.filter((a) => a.status === 400 && LOCKED.test(a.body.message)).length;
          const succeeded = answers.filter((a) => a.status === 201).length;
          // Every answer is one of the three, each right one succeeded unless refused as locked.
          expect(invalid + locked + succeeded).toBe(answers.length);
          expect(invalid).toBeLessThanOrEqual(wrong);
          // A success clears the count: between two, at most MAX_ATTEMPTS - 1 wrong answers.
          expect(invalid).toBeLessThanOrEqual((MAX_ATTEMPTS - 1) * (succeeded + 1));
          const state = await cluster().server.t.server.store.getLoginFailures(
            lockoutKey(username, 'LOCAL', '198.51.100.1'),
          );
          if (succeeded === 0) {
            // Only wrong ones were answered: exactly as one at a time would have been.
            expect(invalid).toBe(Math.min(wrong, MAX_ATTEMPTS - 1));
            expect(state?.lockedUntilMsecs != null).toBe(wrong >= MAX_ATTEMPTS);
          }
          if (state?.lockedUntilMsecs != null) {
            expect((await login(cluster().server.t, username, STRONG_PASSWORD, '198.51.100.1')).body.message).toMatch(
              LOCKED,
            );
          }
        }),
        { numRuns: 8 },
      );
    },
    120_000,
  );

  it.skipIf(onPostgres && !reachable)(
    'keeps a stranger from locking an administrator out: the lock holds for the stranger’s address only',
    async () => {
      await createUser(cluster().server.t, cluster().adminToken, 'second-admin', ['COHESITY_ADMIN']);
      for (let i = 0; i < MAX_ATTEMPTS + 3; i++)
        await login(cluster().server.t, 'second-admin', `guess-${i}`, '203.0.113.9');
      expect((await login(cluster().server.t, 'second-admin', STRONG_PASSWORD, '203.0.113.9')).body.message).toMatch(
        LOCKED,
      );
      expect((await login(cluster().server.t, 'second-admin', STRONG_PASSWORD, '192.0.2.44')).status).toBe(201);
    },
  );
});

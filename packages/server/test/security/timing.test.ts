import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SECURITY_CONFIG } from '../../src/bootstrap.js';
import { startTestServer, type TestServer } from '../helpers/start-server.js';

const SAMPLES = 200;
const WARM_UP = 20;
// A shared CI machine can have one noisy round; a real leak (skipping argon2 for unknown
// users) shows in every round, since it halves the work or more.
const ROUNDS = 3;

let t: TestServer;
beforeAll(async () => {
  // Up to three rounds of 440 logins outrun the default 600 logins per minute per IP; a
  // 429 would be cheap and say nothing about the cost of a refusal.
  t = await startTestServer({ adminPassword: randomUUID(), loginRateLimit: 0 });
  // Lockout would turn wrong passwords for admin into cheap refusals after five tries.
  await t.server.store.putSetting('securityConfig', {
    ...DEFAULT_SECURITY_CONFIG,
    accountLockout: { ...DEFAULT_SECURITY_CONFIG.accountLockout, maxFailedLoginAttempts: 1_000_000 },
  });
});
afterAll(() => t.close());

async function timedLogin(username: string): Promise<number> {
  const start = process.hrtime.bigint();
  const response = await t.send('POST', '/v2/access-tokens', { body: { username, password: randomUUID() } });
  const elapsed = Number(process.hrtime.bigint() - start) / 1e6;
  expect(response.body).toEqual({ errorCode: 'KValidationError', message: 'Invalid Username or Password' });
  return elapsed;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};

describe('login timing', () => {
  it('costs the same for an unknown user as for a wrong password (medians within 10%)', async () => {
    const rounds: { unknown: number; wrong: number; difference: number }[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      for (let i = 0; i < WARM_UP; i++) {
        await timedLogin(`nobody-${randomUUID()}`);
        await timedLogin('admin');
      }
      const unknown: number[] = [];
      const wrong: number[] = [];
      for (let i = 0; i < SAMPLES; i++) {
        // Interleaved, alternating who goes first, so drift in machine load hits both alike.
        const order = i % 2 === 0 ? (['unknown', 'wrong'] as const) : (['wrong', 'unknown'] as const);
        for (const kind of order) {
          if (kind === 'unknown') unknown.push(await timedLogin(`nobody-${randomUUID()}`));
          else wrong.push(await timedLogin('admin'));
        }
      }
      const [a, b] = [median(unknown), median(wrong)];
      rounds.push({ unknown: a, wrong: b, difference: Math.abs(a - b) / Math.max(a, b) });
      if (Math.abs(a - b) / Math.max(a, b) < 0.1) break;
    }
    console.info('login timing medians (ms):', rounds);
    expect(rounds.at(-1)?.difference).toBeLessThan(0.1);
  }, 180_000);
});

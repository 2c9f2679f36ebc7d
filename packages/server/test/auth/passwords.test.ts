import { join } from 'node:path';
import { hash } from '@node-rs/argon2';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { QueueFullError } from '../../src/auth/concurrency-limit.js';
import {
  defaultHashConcurrency,
  MAX_PASSWORD_BYTES,
  OWASP_ARGON2ID,
  PasswordHasher,
  threadPoolAdvice,
} from '../../src/auth/passwords.js';
import { startTestServer } from '../helpers/start-server.js';

const WEAK = { memoryCost: 8192, timeCost: 1, parallelism: 1 };

describe('PasswordHasher', () => {
  it('makes argon2id PHC strings at OWASP cost by default', async () => {
    const hasher = await PasswordHasher.create();
    const phc = await hasher.hash('correct horse');
    expect(phc).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$/);
    expect(hasher.params).toEqual(OWASP_ARGON2ID);
  });

  it('salts: the same password hashes differently twice', async () => {
    const hasher = await PasswordHasher.create();
    expect(await hasher.hash('same')).not.toBe(await hasher.hash('same'));
  });

  it('verifies the right password and refuses a wrong one', async () => {
    const hasher = await PasswordHasher.create();
    const phc = await hasher.hash('correct horse');
    expect(await hasher.verify(phc, 'correct horse')).toBe(true);
    expect(await hasher.verify(phc, 'wrong horse')).toBe(false);
  });

  it('answers false for an unknown user (no hash), whatever the password', async () => {
    const hasher = await PasswordHasher.create();
    expect(await hasher.verify(null, '')).toBe(false);
    expect(await hasher.verify(null, 'admin')).toBe(false);
  });

  it('runs a real hash for an unknown user: the dummy verify occupies a hashing slot', async () => {
    const hasher = await PasswordHasher.create({ concurrency: 1, maxQueued: 0 });
    const dummy = hasher.verify(null, 'guess');
    await expect(hasher.hash('other')).rejects.toBeInstanceOf(QueueFullError);
    expect(await dummy).toBe(false);
  });

  it('answers false, not an error, for a corrupt stored hash', async () => {
    const hasher = await PasswordHasher.create();
    expect(await hasher.verify('not-a-phc-string', 'admin')).toBe(false);
  });

  it('asks for a rehash when the stored parameters are weaker than the configured ones', async () => {
    const hasher = await PasswordHasher.create();
    expect(hasher.needsRehash(await hash('pw', WEAK))).toBe(true);
    expect(hasher.needsRehash(await hash('pw', { ...OWASP_ARGON2ID, timeCost: 1 }))).toBe(true);
    expect(hasher.needsRehash(await hasher.hash('pw'))).toBe(false);
    expect(hasher.needsRehash(await hash('pw', { ...OWASP_ARGON2ID, memoryCost: 32768 }))).toBe(false);
    expect(hasher.needsRehash('garbage')).toBe(true);
  });

  it('asks for a rehash of argon2i and argon2d hashes', async () => {
    const hasher = await PasswordHasher.create();
    expect(hasher.needsRehash(await hash('pw', { ...OWASP_ARGON2ID, algorithm: 0 }))).toBe(true);
    expect(hasher.needsRehash(await hash('pw', { ...OWASP_ARGON2ID, algorithm: 1 }))).toBe(true);
  });

  it('refuses more than maxQueued waiting hashes with QueueFullError, then recovers', async () => {
    const hasher = await PasswordHasher.create({ concurrency: 1, maxQueued: 1 });
    const running = hasher.hash('a');
    const waiting = hasher.hash('b');
    await expect(hasher.hash('c')).rejects.toBeInstanceOf(QueueFullError);
    await Promise.all([running, waiting]);
    expect(await hasher.hash('d')).toMatch(/^\$argon2id\$/);
  });

  it('caps passwords at 1,024 bytes', () => {
    expect(MAX_PASSWORD_BYTES).toBe(1024);
  });
});

describe('defaultHashConcurrency', () => {
  it('runs one more hash than the cores, leaving one pool thread to file syncs', () => {
    expect(defaultHashConcurrency(2, 4)).toBe(3);
    expect(defaultHashConcurrency(8, 4)).toBe(3);
    expect(defaultHashConcurrency(8, 10)).toBe(9);
    expect(defaultHashConcurrency(1, 1)).toBe(1);
  });
});

describe('threadPoolAdvice', () => {
  it('says nothing while libuv has a thread for every hash the server runs at once', () => {
    expect(threadPoolAdvice({}, 2)).toBeUndefined();
    expect(threadPoolAdvice({ UV_THREADPOOL_SIZE: '18' }, 16)).toBeUndefined();
  });

  it('names the UV_THREADPOOL_SIZE that lets logins use every core', () => {
    expect(threadPoolAdvice({}, 8)).toBe(
      'logins hash on 3 threads for 8 cores; start with UV_THREADPOOL_SIZE=10 to use them all.',
    );
    expect(threadPoolAdvice({}, 3)).toContain('UV_THREADPOOL_SIZE=5');
    expect(threadPoolAdvice({ UV_THREADPOOL_SIZE: '17' }, 16)).toContain('UV_THREADPOOL_SIZE=18');
  });
});

describe('password storage through the server', () => {
  const storedHash = (dataDir: string): string => {
    const db = new Database(join(dataDir, 'cohesity.db'), { readonly: true });
    try {
      const row = db.prepare("SELECT password_hash FROM users WHERE username = 'admin'").get() as {
        password_hash: string;
      };
      return row.password_hash;
    } finally {
      db.close();
    }
  };

  it('upgrades a stored hash on login when the configured parameters rise', async () => {
    const weak = await startTestServer({}, { hasher: { params: WEAK } });
    const { dataDir } = weak;
    let before: string;
    try {
      before = await weak.login();
      expect(storedHash(dataDir)).toMatch(/^\$argon2id\$v=19\$m=8192,t=1,p=1\$/);
    } finally {
      await weak.close({ removeData: false });
    }
    const strong = await startTestServer({ dataDir });
    try {
      await strong.login();
      const upgraded = storedHash(dataDir);
      expect(upgraded).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
      await strong.login();
      expect(storedHash(dataDir)).toBe(upgraded);
      const clusters = await strong.send('GET', '/v2/clusters', { headers: { authorization: `Bearer ${before}` } });
      expect(clusters.status).toBe(200);
    } finally {
      await strong.close({ removeData: true });
    }
  });

  it('never stores the password itself', async () => {
    const t = await startTestServer({ adminPassword: 'a-distinct-Secret-42!' });
    try {
      await t.login();
      expect(storedHash(t.dataDir)).not.toContain('a-distinct-Secret-42!');
    } finally {
      await t.close();
    }
  });

  it('answers 503 KServiceUnavailable with Retry-After when the hashing queue is full', async () => {
    const t = await startTestServer({}, { hasher: { concurrency: 1, maxQueued: 1 } });
    try {
      // Guesses count before they are checked: sixteen at once would pass a lockout of five.
      const config = await t.send('PUT', '/v2/security-config', {
        headers: { authorization: `Bearer ${await t.login()}` },
        body: { accountLockout: { maxFailedLoginAttempts: 1000 } },
      });
      expect(config.status).toBe(200);
      const body = { username: 'admin', password: 'admin', domain: 'LOCAL' };
      const responses = await Promise.all(
        Array.from({ length: 16 }, () => t.send('POST', '/v2/access-tokens', { body })),
      );
      const statuses = responses.map((r) => r.status);
      expect(statuses.every((s) => s === 201 || s === 503)).toBe(true);
      expect(statuses).toContain(201);
      const refused = responses.filter((r) => r.status === 503);
      expect(refused.length).toBeGreaterThan(0);
      for (const response of refused) {
        expect(response.body).toEqual({ errorCode: 'KServiceUnavailable', message: expect.any(String) });
        expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
      }
      expect(await t.login()).toMatch(/^ey/);
    } finally {
      await t.close();
    }
  });

  it('refuses a password over 1,024 bytes with 400 even while the hashing queue is full', async () => {
    const t = await startTestServer({}, { hasher: { concurrency: 1, maxQueued: 0 } });
    try {
      const login = (password: string) =>
        t.send('POST', '/v2/access-tokens', { body: { username: 'admin', password } });
      const [busy, long] = await Promise.all([login('admin'), login('é'.repeat(513))]);
      expect(busy.status).toBe(201);
      expect(long.status).toBe(400);
      expect(long.body).toMatchObject({ errorCode: 'KValidationError' });
    } finally {
      await t.close();
    }
  });
});

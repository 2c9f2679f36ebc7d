import { randomUUID } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEY_ENCRYPTION_KEY_FILE } from '../../src/auth/key-encryption-key.js';
import { openPrivateKey } from '../../src/auth/sealed-key.js';
import { DATABASE_FILE } from '../helpers/db-snapshot.js';
import { bearer } from '../helpers/identity.js';
import { startTestServer, type TestServer } from '../helpers/start-server.js';
import { useEverySecret } from './use-every-secret.js';

let t: TestServer;
let secrets: string[];
const adminPassword = randomUUID();

beforeAll(async () => {
  t = await startTestServer({ adminPassword });
  secrets = await useEverySecret(t, adminPassword);
});
afterAll(() => t.close());

describe('secrets at rest', () => {
  it('leaves no password, token, API key or session id in the database files, WAL included', async () => {
    // Read while the server still runs, so the WAL holds the recent writes.
    const files = (await readdir(t.dataDir)).filter((name) => name.startsWith('cohesity.db'));
    expect(files).toContain('cohesity.db-wal');
    for (const file of files) {
      const bytes = await readFile(join(t.dataDir, file));
      for (const secret of secrets) {
        expect(bytes.includes(Buffer.from(secret)), `${file} holds a secret in clear`).toBe(false);
      }
    }
  });

  it('holds no usable signing key: each private key is sealed under a key kept outside the database', async () => {
    const rotate = await t.send('POST', '/v2/signing-keys/rotate', {
      headers: bearer(await t.login('admin', adminPassword)),
    });
    expect(rotate.status).toBe(200);
    const db = new Database(join(t.dataDir, DATABASE_FILE), { readonly: true });
    const rows = db.prepare('SELECT kid, private_jwk FROM signing_keys').all() as {
      kid: string;
      private_jwk: string;
    }[];
    db.close();
    expect(rows.length).toBeGreaterThanOrEqual(2);
    const kekFile = join(t.dataDir, KEY_ENCRYPTION_KEY_FILE);
    expect((await stat(kekFile)).mode & 0o777).toBe(0o600);
    const kek = Buffer.from((await readFile(kekFile, 'utf8')).trim(), 'base64url');
    const files = (await readdir(t.dataDir)).filter((name) => name.startsWith('cohesity.db'));
    for (const row of rows) {
      expect(() => JSON.parse(row.private_jwk), 'a private JWK in clear').toThrow();
      // With the key from outside the database it opens; its private parts appear in no database file.
      const jwk = JSON.parse(openPrivateKey(row.private_jwk, kek, row.kid)) as Record<string, string>;
      for (const file of files) {
        const bytes = await readFile(join(t.dataDir, file));
        for (const part of ['d', 'p', 'q', 'dp', 'dq', 'qi'] as const) {
          const value = jwk[part] ?? '';
          expect(value.length).toBeGreaterThan(40);
          expect(bytes.includes(Buffer.from(value)), `${file} holds ${part} as text`).toBe(false);
          expect(bytes.includes(Buffer.from(value, 'base64url')), `${file} holds ${part} as bytes`).toBe(false);
        }
      }
    }
  });
});

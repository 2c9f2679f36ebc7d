import { randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
});

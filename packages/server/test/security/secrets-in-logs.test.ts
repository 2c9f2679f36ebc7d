import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/start-server.js';
import { useEverySecret } from './use-every-secret.js';

const adminPassword = randomUUID();
const lines: string[] = [];
let t: TestServer;
let secrets: string[];

beforeAll(async () => {
  const logStream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  // The production logger, redaction and all, at its most talkative level.
  t = await startTestServer({ adminPassword, logLevel: 'trace' }, { logStream });
  secrets = await useEverySecret(t, adminPassword);
});
afterAll(() => t.close());

describe('secrets in logs', () => {
  it('logs every request at trace level without a password, token, API key or session id', () => {
    const log = lines.join('');
    expect(lines.length).toBeGreaterThan(20);
    expect(log).toContain('"reqId"');
    for (const secret of secrets) expect(log.includes(secret), `the log holds a secret`).toBe(false);
  });
});

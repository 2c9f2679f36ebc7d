import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { Agent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DatabaseSnapshot, snapshotDatabase } from '../helpers/db-snapshot.js';
import { startTestServer, type TestServer } from '../helpers/start-server.js';
import { type FuzzSecrets, requestArbitrary } from './fuzz-arbitraries.js';
import { expectWellFormed, passwordIn, sendFuzzRequest } from './fuzz-client.js';
import { FUZZ_ENDPOINTS } from './fuzz-endpoints.js';

// 400 batches of 25 concurrent requests: 10,000 requests per run, spread over every endpoint.
const BATCH_SIZE = 25;
const BATCHES = 400;

let t: TestServer;
let dispatcher: Agent;
let secrets: FuzzSecrets;
let before: DatabaseSnapshot;
let sent = 0;
const started = performance.now();

beforeAll(async () => {
  t = await startTestServer({ adminPassword: randomUUID() });
  secrets = { token: await t.login(), username: 'admin' };
  const ca = await readFile(join(t.dataDir, 'tls-cert.pem'), 'utf8');
  dispatcher = new Agent({ connect: { ca }, connections: BATCH_SIZE, keepAliveTimeout: 10_000 });
  before = snapshotDatabase(t.dataDir);
});
afterAll(async () => {
  await dispatcher.close();
  await t.close();
});

describe('fuzzing every endpoint', () => {
  it('never answers 5xx, always answers the contract Error, never echoes a secret', async () => {
    const anyRequest = fc.oneof(...FUZZ_ENDPOINTS.map((endpoint) => requestArbitrary(endpoint, secrets)));
    await fc.assert(
      fc.asyncProperty(fc.array(anyRequest, { minLength: BATCH_SIZE, maxLength: BATCH_SIZE }), async (batch) => {
        const answers = await Promise.all(batch.map((fuzz) => sendFuzzRequest(dispatcher, t.url, fuzz)));
        sent += batch.length;
        if (sent % 1000 === 0)
          console.info(`fuzz: ${sent} requests after ${Math.round(performance.now() - started)} ms`);
        batch.forEach((fuzz, i) => {
          const answer = answers[i];
          const password = passwordIn(fuzz);
          if (answer) expectWellFormed(fuzz, answer, [secrets.token, ...(password ? [password] : [])]);
        });
      }),
      { numRuns: BATCHES, endOnFailure: true },
    );
    expect(sent).toBeGreaterThanOrEqual(10_000);
  }, 300_000);

  it('left the database as it was, but for the audit and failure counts of refused logins', () => {
    const after = snapshotDatabase(t.dataDir);
    const appendable = new Set<string>(FUZZ_ENDPOINTS.flatMap((endpoint) => endpoint.mayAppendTo ?? []));
    const untouched = (snapshot: DatabaseSnapshot) =>
      Object.fromEntries(Object.entries(snapshot).filter(([table]) => !appendable.has(table)));
    expect(untouched(after)).toEqual(untouched(before));
    const audit = JSON.parse(after.audit_log ?? '[]') as { action: string; outcome: string }[];
    const added = audit.slice((JSON.parse(before.audit_log ?? '[]') as unknown[]).length);
    for (const row of added) {
      expect(row.action).toBe('login');
      expect(['failure', 'locked']).toContain(row.outcome);
    }
  });

  it('is healthy afterwards: health, a genuine token and a fresh login all work', async () => {
    expect((await t.send('GET', '/healthz')).status).toBe(200);
    const clusters = await t.send('GET', '/v2/clusters', { headers: { authorization: `Bearer ${secrets.token}` } });
    expect(clusters.status).toBe(200);
    // The fuzzer tried many passwords for admin, so admin is rightly locked out: unlock first.
    await t.server.store.clearLoginFailures('local\\admin');
    expect(await t.login()).toMatch(/^ey/);
  });
});

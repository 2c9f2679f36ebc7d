import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { UserApiKeys, Users } from 'cohesity-sdk/models';
import fc from 'fast-check';
import { Agent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lockoutAccount } from '../../src/accounts/lockout-key.js';
import { DEFAULT_MFA_CONFIG } from '../../src/mfa/mfa-config.js';
import { bearer, type Credentials, createUserWithCredentials, STRONG_PASSWORD } from '../helpers/identity.js';
import { postgresReachable } from '../helpers/postgres.js';
import type { TestServer } from '../helpers/start-server.js';
import { STORES, type StoreServer, startOnStore } from '../helpers/store-server.js';
import type { StoreState } from '../helpers/store-state.js';
import { aimedRequestArbitrary, type FuzzRequest, type FuzzSecrets, requestArbitrary } from './fuzz-arbitraries.js';
import { expectWellFormed, passwordsIn, sendFuzzRequest } from './fuzz-client.js';
import { FUZZ_ENDPOINTS } from './fuzz-endpoints.js';
import { expectOnlyRefusalAudits, mayAppendTo, settledState } from './fuzz-state.js';

// Refused or read-only: 360 batches of 25 concurrent requests. As admin: 1,000 one at a
// time, so each refusal can be checked alone. 10,000 requests per run over every endpoint.
const BATCH_SIZE = 25;
const BATCHES = 360;
const ADMIN_REQUESTS = 1_000;

const reachable = await postgresReachable('fuzz on PostgreSQL');

// The same run on each store: text SQLite keeps, PostgreSQL may refuse (NUL, lone surrogates).
describe.each(STORES)('fuzzing every endpoint on %s', (_store, onPostgres) => {
  let server: StoreServer;
  let t: TestServer;
  let state: StoreState;
  let dispatcher: Agent;
  let adminToken: string;
  let viewer: Credentials;
  let victim: Credentials;
  let adminSid: string;
  let keyIds: string[];
  let recordIds: string[];
  let sent = 0;
  const started = performance.now();

  beforeAll(async () => {
    if (onPostgres && !reachable) return;
    // Two more login routes (web login, email codes) put the run past the per-IP login budget.
    server = await startOnStore(onPostgres, { adminPassword: randomUUID(), loginRateLimit: 0 });
    ({ t, state } = server);
    adminToken = await t.login();
    viewer = await createUserWithCredentials(t, adminToken, 'viewer');
    victim = await createUserWithCredentials(t, adminToken, 'victim', ['COHESITY_ADMIN']);
    adminSid = (await t.server.store.findUser('admin', 'LOCAL'))?.sid ?? '';
    await t.send('POST', `/v2/users/${adminSid}/api-keys`, {
      headers: bearer(adminToken),
      body: { name: 'admin-key' },
    });
    const keys = await t.send<UserApiKeys>('GET', '/v2/api-keys', { headers: bearer(adminToken) });
    keyIds = keys.body.apiKeys.map((key) => key.id);
    // The demo cluster's protection groups (v2 ids) and the numbers v1 and runs use.
    const groups = await t.send<{ protectionGroups: { id: string }[] }>('GET', '/v2/data-protect/protection-groups', {
      headers: bearer(adminToken),
    });
    recordIds = [...groups.body.protectionGroups.map((g) => g.id), '1', '2', '3', '1:1700000000000000'];
    expect(keyIds).toHaveLength(3);
    const ca = await readFile(join(t.dataDir, 'tls-cert.pem'), 'utf8');
    dispatcher = new Agent({ connect: { ca }, connections: BATCH_SIZE, keepAliveTimeout: 10_000 });
  });
  afterAll(async () => {
    if (!server) return;
    await dispatcher.close();
    await server.close();
  });

  async function send(fuzz: FuzzRequest, secrets: readonly string[]) {
    const answer = await sendFuzzRequest(dispatcher, t.url, fuzz);
    sent++;
    if (sent % 1000 === 0) console.info(`fuzz: ${sent} requests after ${Math.round(performance.now() - started)} ms`);
    if (answer) expectWellFormed(fuzz, answer, [...secrets, ...passwordsIn(fuzz)]);
    return answer;
  }

  const contextOf = (fuzz: FuzzRequest, status: number | undefined) =>
    `${fuzz.method} ${fuzz.path.slice(0, 200)} → ${status} ${fuzz.body?.toString().slice(0, 300)}`;

  describe.skipIf(onPostgres && !reachable)('the run', () => {
    it('changes nothing, answers no 5xx and only the contract Error, for anyone without the privilege', async () => {
      // A viewer's genuine credentials, forged and absent ones: reads may succeed, nothing may
      // change, since the viewer's own sid (the one thing it may change) is never a parameter.
      // The audit log may only gain refused logins and the viewer's denials.
      const secrets: FuzzSecrets = {
        token: viewer.token,
        apiKey: viewer.apiKey,
        sessionId: viewer.sessionId,
        usernames: ['admin', 'viewer', 'victim'],
        knownIds: [adminSid, victim.user.sid, ...keyIds, ...recordIds],
      };
      const baseline = await settledState(state);
      const lastAudit = await state.lastAuditId();
      const endpoints = FUZZ_ENDPOINTS.filter((endpoint) => !endpoint.actsOnCaller);
      const anyRequest = fc.oneof(...endpoints.map((endpoint) => requestArbitrary(endpoint, secrets)));
      await fc.assert(
        fc.asyncProperty(fc.array(anyRequest, { minLength: BATCH_SIZE, maxLength: BATCH_SIZE }), async (batch) => {
          await Promise.all(batch.map((fuzz) => send(fuzz, [viewer.token, viewer.apiKey, viewer.sessionId])));
          expect(await settledState(state)).toEqual(baseline);
        }),
        { numRuns: BATCHES, endOnFailure: true },
      );
      const lines = await state.auditSince(lastAudit);
      expectOnlyRefusalAudits(lines, 'refused requests', { logins: true, deniedSid: viewer.user.sid });
      expect(lines.some((line) => line.outcome === 'denied')).toBe(true);
    }, 300_000);

    it('changes nothing for any request refused to the admin, who may change everything', async () => {
      // Never the admin's own sid: deleting or demoting the admin would end the run early.
      // More users to change and delete, so the run does not soon run out of targets.
      const targets = await t.send<Users>('POST', '/v2/users', {
        headers: bearer(adminToken),
        body: Array.from({ length: 6 }, (_, i) => ({
          username: `target-${i}`,
          roles: ['COHESITY_VIEWER'],
          localUserParams: { password: STRONG_PASSWORD },
        })),
      });
      const secrets: FuzzSecrets = {
        token: adminToken,
        usernames: ['admin', 'viewer', 'victim'],
        knownIds: [
          viewer.user.sid,
          victim.user.sid,
          ...targets.body.users.map((user) => user.sid),
          ...keyIds,
          ...recordIds,
        ],
      };
      const headers = fc.constant({ ...bearer(adminToken), 'content-type': 'application/json' });
      const anyRequest = fc.oneof(
        ...FUZZ_ENDPOINTS.map((endpoint) =>
          fc.oneof(
            { weight: 2, arbitrary: aimedRequestArbitrary(endpoint, secrets, headers) },
            { weight: 1, arbitrary: requestArbitrary(endpoint, secrets, headers) },
          ),
        ),
      );
      const statuses = new Map<number, number>();
      await fc.assert(
        fc.asyncProperty(anyRequest, async (fuzz) => {
          // The audit log is checked line by line below, not compared whole.
          const appendable = ['audit_log', ...mayAppendTo(fuzz)];
          const before = await settledState(state, appendable);
          const lastAudit = await state.lastAuditId();
          const answer = await send(fuzz, [adminToken]);
          if (!answer) return;
          statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
          if (answer.status < 400) return;
          const context = contextOf(fuzz, answer.status);
          expect(await settledState(state, appendable), context).toEqual(before);
          const logins = appendable.includes('login_failures');
          expectOnlyRefusalAudits(await state.auditSince(lastAudit), context, { logins });
        }),
        { numRuns: ADMIN_REQUESTS, endOnFailure: true },
      );
      console.info(`fuzz: admin answers by status ${JSON.stringify(Object.fromEntries([...statuses].sort()))}`);
      expect(sent).toBeGreaterThanOrEqual(10_000);
    }, 300_000);

    it('is healthy afterwards: health, a genuine token and a fresh login all work', async () => {
      expect((await t.send('GET', '/healthz')).status).toBe(200);
      expect((await t.send('GET', '/v2/clusters', { headers: bearer(adminToken) })).status).toBe(200);
      // The fuzzer tried many passwords for admin, so admin is rightly locked out: unlock first.
      await t.server.store.clearLoginFailuresStartingWith(lockoutAccount('admin', 'LOCAL'));
      // It may also have turned MFA on (a success): off again, so that a password alone logs in.
      await t.server.store.putSetting('mfaConfig', DEFAULT_MFA_CONFIG);
      expect(await t.login()).toMatch(/^ey/);
    });
  });
});

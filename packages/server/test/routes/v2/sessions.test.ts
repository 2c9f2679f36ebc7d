import { createHash } from 'node:crypto';
import type { ErrorBody, Session, SessionsCount } from 'cohesity-sdk/models';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bearer, createUser, STRONG_PASSWORD } from '../../helpers/identity.js';
import { setSessionManagement } from '../../helpers/session-management.js';
import { startTestServer, type TestServer } from '../../helpers/start-server.js';

let t: TestServer;
let admin: Record<string, string>;
let adminToken: string;
beforeEach(async () => {
  t = await startTestServer();
  adminToken = await t.login();
  admin = bearer(adminToken);
  await setSessionManagement(t, admin, true);
});
afterEach(() => t.close());

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function startSession(username = 'admin', password = 'admin') {
  return t.send<Session>('POST', '/v2/users/sessions', { body: { username, password, domain: 'LOCAL' } });
}

async function configureSessions(sessionConfiguration: object) {
  const response = await t.send('PUT', '/v2/security-config', { headers: admin, body: { sessionConfiguration } });
  expect(response.status).toBe(200);
}

describe('POST /v2/users/sessions', () => {
  it('answers 201 {sessionId}: 256 random bits in base64 as clusters issue them, stored only as SHA-256, accepted in session-id', async () => {
    const response = await startSession();
    expect(response.status).toBe(201);
    expect(Object.keys(response.body)).toEqual(['sessionId']);
    const { sessionId } = response.body;
    expect(sessionId).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(sessionId, 'base64')).toHaveLength(32);

    const idHash = createHash('sha256').update(sessionId).digest('hex');
    expect(await t.server.store.findSession(idHash)).toMatchObject({ credentialsVersion: 1 });
    const use = await t.send('GET', '/v2/clusters', { headers: { 'session-id': sessionId } });
    expect(use.status).toBe(200);
  });

  it('refuses a wrong password with 400 Invalid Username or Password and creates no session', async () => {
    const response = await startSession('admin', 'wrong');
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ errorCode: 'KValidationError', message: 'Invalid Username or Password' });
    expect(await t.server.store.countSessions()).toEqual(new Map());
  });

  it('answers 401 for an unknown session id', async () => {
    const response = await t.send<ErrorBody>('GET', '/v2/clusters', { headers: { 'session-id': 'not-a-session' } });
    expect(response.status).toBe(401);
    expect(response.body.errorCode).toBe('KStatusUnauthorized');
  });
});

describe('GET /v2/users/sessions', () => {
  it('counts sessions per user and in total, filtered by sids', async () => {
    const viewer = await createUser(t, adminToken, 'sessviewer');
    await startSession();
    await startSession();
    await startSession('sessviewer', STRONG_PASSWORD);
    const adminSid = (await t.server.store.findUser('admin', 'LOCAL'))?.sid ?? '';

    const all = await t.send<SessionsCount>('GET', '/v2/users/sessions', { headers: admin });
    expect(all.status).toBe(200);
    expect(all.body.totalSessionsCount).toBe(3);
    expect(all.body.sessionsPerUser).toEqual(
      expect.arrayContaining([
        { sid: adminSid, sessionsCount: 2 },
        { sid: viewer.sid, sessionsCount: 1 },
      ]),
    );
    const one = await t.send<SessionsCount>('GET', `/v2/users/sessions?sids=${viewer.sid}`, { headers: admin });
    expect(one.body).toEqual({ sessionsPerUser: [{ sid: viewer.sid, sessionsCount: 1 }], totalSessionsCount: 1 });
  });
});

describe('DELETE /v2/users/sessions', () => {
  it('ends one user sessions with ?sid= (204) and leaves the others working', async () => {
    const viewer = await createUser(t, adminToken, 'ender');
    const mine = (await startSession('ender', STRONG_PASSWORD)).body.sessionId;
    const admins = (await startSession()).body.sessionId;
    const response = await t.send('DELETE', `/v2/users/sessions?sid=${viewer.sid}`, { headers: admin });
    expect(response.status).toBe(204);
    expect((await t.send('GET', '/v2/clusters', { headers: { 'session-id': mine } })).status).toBe(401);
    expect((await t.send('GET', '/v2/clusters', { headers: { 'session-id': admins } })).status).toBe(200);
    expect(await t.server.store.countSessions([viewer.sid])).toEqual(new Map());
  });

  it('ends every session on the cluster without a sid', async () => {
    await createUser(t, adminToken, 'everyone');
    const a = (await startSession()).body.sessionId;
    const b = (await startSession('everyone', STRONG_PASSWORD)).body.sessionId;
    expect((await t.send('DELETE', '/v2/users/sessions', { headers: admin })).status).toBe(204);
    for (const id of [a, b])
      expect((await t.send('GET', '/v2/clusters', { headers: { 'session-id': id } })).status).toBe(401);
    expect((await t.server.store.countSessions()).size).toBe(0);
  });

  it('lets a viewer end their own sessions but not all of them (403)', async () => {
    const viewer = await createUser(t, adminToken, 'selfender');
    const session = (await startSession('selfender', STRONG_PASSWORD)).body.sessionId;
    const adminSession = (await startSession()).body.sessionId;
    const all = await t.send<ErrorBody>('DELETE', '/v2/users/sessions', { headers: { 'session-id': session } });
    expect(all.status).toBe(403);
    expect(all.body.errorCode).toBe('KPrivilegeError');
    expect((await t.send('GET', '/v2/clusters', { headers: { 'session-id': adminSession } })).status).toBe(200);
    const own = await t.send('DELETE', `/v2/users/sessions?sid=${viewer.sid}`, { headers: { 'session-id': session } });
    expect(own.status).toBe(204);
    expect((await t.send('GET', '/v2/clusters', { headers: { 'session-id': session } })).status).toBe(401);
  });
});

describe('session limits and timeouts (sessionConfiguration)', () => {
  it('refuses a session beyond sessionLimitPerUser with a clear 400, only when limitSessions is on', async () => {
    await configureSessions({ limitSessions: false, sessionLimitPerUser: 1 });
    expect((await startSession()).status).toBe(201);
    expect((await startSession()).status).toBe(201);
    await t.send('DELETE', '/v2/users/sessions', { headers: admin });

    await configureSessions({ limitSessions: true, sessionLimitPerUser: 2 });
    expect((await startSession()).status).toBe(201);
    expect((await startSession()).status).toBe(201);
    const third = await startSession();
    expect(third.status).toBe(400);
    expect(third.body).toEqual({
      errorCode: 'KValidationError',
      message: 'The user already has the maximum of 2 sessions; end one before starting another',
    });
    const adminSid = (await t.server.store.findUser('admin', 'LOCAL'))?.sid ?? '';
    expect((await t.server.store.countSessions()).get(adminSid)).toBe(2);
  });

  it('refuses a session beyond sessionLimitSystemWide', async () => {
    await createUser(t, adminToken, 'second');
    await configureSessions({ limitSessions: true, sessionLimitPerUser: 10, sessionLimitSystemWide: 1 });
    expect((await startSession()).status).toBe(201);
    const other = await startSession('second', STRONG_PASSWORD);
    expect(other.status).toBe(400);
    expect((other.body as unknown as ErrorBody).message).toContain('cluster already has the maximum of 1 sessions');
  });

  it('ends a session after inactivityTimeout seconds without use', async () => {
    await configureSessions({ inactivityTimeout: 1, absoluteTimeout: 0 });
    const { sessionId } = (await startSession()).body;
    expect((await t.send('GET', '/v2/clusters', { headers: { 'session-id': sessionId } })).status).toBe(200);
    await sleep(1_200);
    const late = await t.send<ErrorBody>('GET', '/v2/clusters', { headers: { 'session-id': sessionId } });
    expect(late.status).toBe(401);
    expect(late.body.message).toBe('The session has expired.');
    expect(await t.server.store.findSession(createHash('sha256').update(sessionId).digest('hex'))).toBeUndefined();
  });

  it('stops counting timed-out sessions against the limits and in the counts', async () => {
    await configureSessions({ limitSessions: true, sessionLimitPerUser: 1, inactivityTimeout: 1, absoluteTimeout: 0 });
    expect((await startSession()).status).toBe(201);
    expect((await startSession()).status).toBe(400);
    await sleep(1_200);
    expect((await startSession()).status).toBe(201);
    const counts = await t.send<SessionsCount>('GET', '/v2/users/sessions', { headers: admin });
    expect(counts.body.totalSessionsCount).toBe(1);
  });

  it('ends a session after absoluteTimeout seconds even while it is in use', async () => {
    await configureSessions({ inactivityTimeout: 0, absoluteTimeout: 2 });
    const { sessionId } = (await startSession()).body;
    for (let i = 0; i < 3; i++) {
      expect((await t.send('GET', '/v2/clusters', { headers: { 'session-id': sessionId } })).status).toBe(200);
      await sleep(500);
    }
    await sleep(700);
    const late = await t.send<ErrorBody>('GET', '/v2/clusters', { headers: { 'session-id': sessionId } });
    expect(late.status).toBe(401);
    expect(late.body.message).toBe('The session has expired.');
  });
});

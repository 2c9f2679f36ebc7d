import type { ErrorBody, User } from 'cohesity-sdk/models';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createUser } from '../../helpers/identity.js';
import { startTestServer, type TestServer } from '../../helpers/start-server.js';

let t: TestServer;
let admin: Record<string, string>;
let adminSid: string;
beforeAll(async () => {
  t = await startTestServer();
  const token = await t.login();
  admin = bearer(token);
  adminSid = (await t.send<{ sid: string }>('GET', '/irisservices/api/v1/public/sessionUser', { headers: admin })).body
    .sid;
});
afterAll(() => t.close());

const NO_ADMIN = {
  errorCode: 'KValidationError',
  message: 'This change would leave the cluster without an unlocked administrator',
};

describe('the last unlocked administrator', () => {
  it('cannot be deleted, locked or lose the admin role, and stays as it was', async () => {
    const del = await t.send<ErrorBody>('DELETE', `/v2/users/${adminSid}`, { headers: admin });
    expect(del.status).toBe(400);
    expect(del.body).toEqual(NO_ADMIN);
    const lock = await t.send<ErrorBody>('PUT', `/v2/users/${adminSid}`, { headers: admin, body: { locked: true } });
    expect(lock.body).toEqual(NO_ADMIN);
    const demote = await t.send<ErrorBody>('PUT', `/v2/users/${adminSid}`, {
      headers: admin,
      body: { roles: ['COHESITY_VIEWER'] },
    });
    expect(demote.body).toEqual(NO_ADMIN);
    const after = await t.send<User>('GET', `/v2/users/${adminSid}`, { headers: admin });
    expect(after.body).toMatchObject({ roles: ['COHESITY_ADMIN'], locked: false });
  });

  it('can go once another unlocked administrator exists', async () => {
    const second = await createUser(t, admin.authorization?.slice('Bearer '.length) ?? '', 'second-admin', [
      'COHESITY_SUPER_ADMIN',
    ]);
    const lockSecond = await t.send('PUT', `/v2/users/${second.sid}`, { headers: admin, body: { locked: true } });
    expect(lockSecond.status).toBe(200);
    const unlockSecond = await t.send('PUT', `/v2/users/${second.sid}`, { headers: admin, body: { locked: false } });
    expect(unlockSecond.status).toBe(200);
    expect((await t.send('DELETE', `/v2/users/${adminSid}`, { headers: admin })).status).toBe(204);
  });
});

import { randomUUID } from 'node:crypto';
import type { CreatedUserApiKey, Role, Session, User, Users } from 'cohesity-sdk/models';
import { withSessionManagement } from './session-management.js';
import type { TestServer } from './start-server.js';

/** A password that meets the default `passwordStrength`. */
export const STRONG_PASSWORD = 'Correct-Horse-9';

/** A fresh admin password the server's command line accepts (its policy: upper, lower, digit, special). */
export const randomAdminPassword = () => `Aa1-${randomUUID()}`;

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** Creates a local user through the API (as admin) and answers it. */
export async function createUser(
  t: Pick<TestServer, 'send'>,
  adminToken: string,
  username: string,
  roles: Role[] = ['COHESITY_VIEWER'],
  password = STRONG_PASSWORD,
): Promise<User> {
  const response = await t.send<Users>('POST', '/v2/users', {
    headers: bearer(adminToken),
    body: [{ username, domain: 'LOCAL', roles, localUserParams: { password } }],
  });
  const user = response.body.users?.[0];
  if (response.status !== 201 || !user) throw new Error(`createUser failed: ${response.status} ${response.text}`);
  return user;
}

/** A user holding one of each credential: a token, a session and an API key. */
export interface Credentials {
  user: User;
  token: string;
  sessionId: string;
  apiKey: string;
}

export async function createUserWithCredentials(
  t: TestServer,
  adminToken: string,
  username: string,
  roles: Role[] = ['COHESITY_VIEWER'],
): Promise<Credentials> {
  const user = await createUser(t, adminToken, username, roles);
  const token = await t.login(username, STRONG_PASSWORD);
  const session = await withSessionManagement(t, bearer(adminToken), () =>
    t.send<Session>('POST', '/v2/users/sessions', { body: { username, password: STRONG_PASSWORD, domain: 'LOCAL' } }),
  );
  const key = await t.send<CreatedUserApiKey>('POST', `/v2/users/${user.sid}/api-keys`, {
    headers: bearer(token),
    body: { name: `${username}-key` },
  });
  if (session.status !== 201 || key.status !== 201) throw new Error('credential setup failed');
  return { user, token, sessionId: session.body.sessionId, apiKey: key.body.apiKey };
}

/** The status each of the user's credentials gets on an authenticated read. */
export async function credentialStatuses(t: TestServer, c: Credentials) {
  const get = async (headers: Record<string, string>) => (await t.send('GET', '/v2/clusters', { headers })).status;
  return {
    token: await get(bearer(c.token)),
    session: await get({ 'session-id': c.sessionId }),
    apiKey: await get({ apiKey: c.apiKey }),
  };
}

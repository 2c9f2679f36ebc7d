import type { CreatedUserApiKey, ErrorBody } from 'cohesity-sdk/models';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createUser, STRONG_PASSWORD } from '../helpers/identity.js';
import { createMfaUser } from '../helpers/mfa.js';
import { startTestServer, type TestServer } from '../helpers/start-server.js';
import { V1, webLogin, withCookie } from '../helpers/web-login.js';
import { FUZZ_ENDPOINTS } from '../security/fuzz-endpoints.js';

/** How the most used Python library sends a bodiless call, and two close variants. */
const JSON_TYPES: Record<string, string>[] = [
  { 'content-type': 'application/json' },
  { 'content-type': 'application/json; charset=utf-8', 'content-length': '0' },
  { 'content-type': 'application/x-www-form-urlencoded' },
];

let t: TestServer;
let adminToken: string;
let admin: Record<string, string>;
let adminSid: string;
beforeAll(async () => {
  t = await startTestServer({ loginRateLimit: 0 });
  adminToken = await t.login();
  admin = bearer(adminToken);
  adminSid = (await t.server.store.findUser('admin', 'LOCAL'))?.sid ?? '';
});
afterAll(() => t.close());

async function newKey(v1 = false) {
  const response = await t.send<CreatedUserApiKey>('POST', `/v2/users/${adminSid}/api-keys`, {
    headers: admin,
    body: { name: `k-${Math.random()}` },
  });
  return `${v1 ? `${V1}/users/${adminSid}/apiKeys` : `/v2/users/${adminSid}/api-keys`}/${response.body.id}`;
}

let counter = 0;
/** Each bodiless route, made ready to succeed once: its path, credentials and success status. */
const BODILESS: [
  string,
  () => Promise<{ method: string; path: string; headers: Record<string, string>; status: number }>,
][] = [
  [
    'POST …/api-keys/{id}/rotate',
    async () => ({ method: 'POST', path: `${await newKey()}/rotate`, headers: admin, status: 200 }),
  ],
  [
    'POST v1 …/apiKeys/{id}/rotate',
    async () => ({ method: 'POST', path: `${await newKey(true)}/rotate`, headers: admin, status: 200 }),
  ],
  ['DELETE …/api-keys/{id}', async () => ({ method: 'DELETE', path: await newKey(), headers: admin, status: 204 })],
  [
    'DELETE v1 …/apiKeys/{id}',
    async () => ({ method: 'DELETE', path: await newKey(true), headers: admin, status: 204 }),
  ],
  [
    'DELETE /v2/users/{sid}',
    async () => ({
      method: 'DELETE',
      path: `/v2/users/${(await createUser(t, adminToken, `gone-${counter++}`)).sid}`,
      headers: admin,
      status: 204,
    }),
  ],
  [
    'DELETE /v2/users/sessions?sid=',
    async () => ({ method: 'DELETE', path: `/v2/users/sessions?sid=${adminSid}`, headers: admin, status: 204 }),
  ],
  [
    'POST /logout',
    async () => ({
      method: 'POST',
      path: '/logout',
      headers: withCookie((await webLogin(t, 'admin', 'admin')).cookie),
      status: 204,
    }),
  ],
  ['POST /v2/totp-key', async () => ({ method: 'POST', path: '/v2/totp-key', headers: admin, status: 201 })],
  [
    'POST /v2/send-email-otp',
    async () => {
      const username = `mailer-${counter++}`;
      await createMfaUser(t, adminToken, username);
      return {
        method: 'POST',
        path: '/v2/send-email-otp',
        headers: withCookie((await webLogin(t, username, STRONG_PASSWORD)).cookie),
        status: 204,
      };
    },
  ],
  [
    'POST /v2/support-user/send-email-otp',
    async () => {
      const setup = await t.send('PATCH', '/v2/support-user/mfa', {
        headers: admin,
        body: { enabled: true, mfaType: 'email', email: 'support@example.com' },
      });
      expect(setup.status).toBe(200);
      return { method: 'POST', path: '/v2/support-user/send-email-otp', headers: admin, status: 204 };
    },
  ],
];

describe('a bodiless request with a JSON (or form) content type', () => {
  it.each(BODILESS)('succeeds on %s, as with no content type at all', async (_name, ready) => {
    for (const type of [{}, ...JSON_TYPES]) {
      const { method, path, headers, status } = await ready();
      const response = await t.send<ErrorBody>(method, path, { headers: { ...headers, ...type } });
      expect(response.status, `${JSON.stringify(type)}: ${response.text}`).toBe(status);
    }
  });

  it('is never refused as an empty body, on any route the fuzzer knows, with any method', async () => {
    for (const endpoint of FUZZ_ENDPOINTS) {
      const path = endpoint.path
        .replaceAll('{sid}', adminSid)
        .replaceAll('{id}', 'no-such-id')
        .replaceAll('{resource}', 'nothing');
      for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']) {
        if (endpoint.path === '/logout' || path.endsWith(`/users/${adminSid}`)) continue;
        const response = await t.send<ErrorBody>(method, path, {
          headers: { ...admin, 'content-type': 'application/json' },
        });
        expect(response.status, `${method} ${path}`).toBeLessThan(500);
        expect(response.body.message ?? '', `${method} ${path}`).not.toMatch(/body is empty/i);
      }
    }
  });
});

import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createUser } from '../helpers/identity.js';
import { postgresReachable } from '../helpers/postgres.js';
import type { SendOptions, TestServer } from '../helpers/start-server.js';
import { STORES, type StoreServer, startOnStore } from '../helpers/store-server.js';

const reachable = await postgresReachable('unstorable text on PostgreSQL');
const HOSTILE = [
  ['NUL', 'ad\u0000min'],
  ['a lone high surrogate', 'key-\ud800'],
  ['a lone low surrogate', '\udc00key'],
] as const;

describe.each(STORES)('text no store can keep, on %s', (_store, onPostgres) => {
  let server: StoreServer;
  let t: TestServer;
  let token: string;
  let sid: string;

  beforeAll(async () => {
    if (onPostgres && !reachable) return;
    server = await startOnStore(onPostgres, { adminPassword: randomUUID(), loginRateLimit: 0 });
    t = server.t;
    token = await t.login();
    sid = (await createUser(t, token, 'someone')).sid;
  });
  afterAll(() => server?.close());

  const requests = (text: string): [string, string, SendOptions][] => {
    const asAdmin = { headers: bearer(token) };
    // A URL carries UTF-8, where a lone surrogate cannot be written: NUL only there.
    const inUrl: [string, string, SendOptions][] = text.includes('\u0000')
      ? [
          ['GET', `/v2/users?usernames=${encodeURIComponent(text)}`, asAdmin],
          ['GET', `/v2/users/${encodeURIComponent(text)}`, asAdmin],
          ['DELETE', `/v2/users/sessions?sid=${encodeURIComponent(text)}`, asAdmin],
          ['GET', `/v2/api-keys?ownerSids=${encodeURIComponent(text)}`, asAdmin],
        ]
      : [];
    return [
      ...inUrl,
      ['POST', '/v2/access-tokens', { body: { username: text, password: 'x' } }],
      ['POST', '/v2/access-tokens', { body: { username: 'admin', password: 'x', domain: text } }],
      ['POST', '/irisservices/api/v1/public/accessTokens', { body: { username: text, password: 'x' } }],
      ['POST', '/v2/users/sessions', { body: { username: text, password: 'x' } }],
      ['POST', '/v2/users', { ...asAdmin, body: [{ username: text, roles: ['COHESITY_VIEWER'] }] }],
      ['PUT', `/v2/users/${sid}`, { ...asAdmin, body: { description: text } }],
      ['POST', `/v2/users/${sid}/api-keys`, { ...asAdmin, body: { name: text } }],
      ['POST', `/irisservices/api/v1/public/users/${sid}/apiKeys`, { ...asAdmin, body: { name: text } }],
      ['PUT', '/v2/security-config', { ...asAdmin, body: { passwordStrength: { [text]: 1 } } }],
    ];
  };

  it.each(HOSTILE)('refuses %s anywhere with 400 KValidationError, and writes nothing', async (_name, text) => {
    if (onPostgres && !reachable) return;
    for (const [method, path, options] of requests(text)) {
      const before = await server.state.snapshot();
      const answer = await t.send(method, path, options);
      expect([answer.status, answer.body], `${method} ${path}`).toEqual([
        400,
        { errorCode: 'KValidationError', message: expect.stringMatching(/NUL or unpaired UTF-16 surrogates/) },
      ]);
      expect(await server.state.snapshot(), `${method} ${path}`).toEqual(before);
    }
  });
});

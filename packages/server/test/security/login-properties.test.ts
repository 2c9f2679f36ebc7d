import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { Agent } from 'undici';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/start-server.js';
import { bodyArbitrary, type FuzzSecrets, headersArbitrary } from './fuzz-arbitraries.js';
import { expectWellFormed, passwordsIn, sendFuzzRequest } from './fuzz-client.js';

let t: TestServer;
let dispatcher: Agent;
let secrets: FuzzSecrets;

beforeAll(async () => {
  // 900 logins in under a minute would meet the login rate limit, and a 429 is answered
  // before the body is read: the bodies under test would go unparsed.
  t = await startTestServer({ adminPassword: randomUUID(), loginRateLimit: 0 });
  secrets = { token: await t.login(), usernames: ['admin'], knownIds: [] };
  const ca = await readFile(join(t.dataDir, 'tls-cert.pem'), 'utf8');
  dispatcher = new Agent({ connect: { ca }, connections: 4 });
});
afterAll(async () => {
  await dispatcher.close();
  await t.close();
});

describe.each([
  ['the v2 login', 'POST', '/v2/access-tokens'],
  ['the v1 login', 'POST', '/irisservices/api/v1/public/accessTokens'],
  ['the session login', 'POST', '/v2/users/sessions'],
  ['a protected route', 'GET', '/v2/clusters'],
  ['a protected route, with a body', 'POST', '/irisservices/api/v1/public/sessionUser'],
])('arbitrary bodies and headers to %s', (_name, method, path) => {
  it('answer below 500 with a well-formed Error, and never echo a password or token', async () => {
    await fc.assert(
      fc.asyncProperty(bodyArbitrary(secrets), headersArbitrary(secrets), async (body, headers) => {
        const fuzz = { method, path, headers, body };
        const answer = await sendFuzzRequest(dispatcher, t.url, fuzz);
        if (answer) expectWellFormed(fuzz, answer, [secrets.token, ...passwordsIn(fuzz)]);
      }),
      { numRuns: 300 },
    );
  }, 120_000);
});

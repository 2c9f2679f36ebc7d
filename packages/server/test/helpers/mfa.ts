import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TotpKeyInfo, Users } from 'cohesity-sdk/models';
import { generateSync } from 'otplib';
import { bearer, STRONG_PASSWORD } from './identity.js';
import type { TestServer } from './start-server.js';

/** The code an authenticator app shows now (or `offsetSteps` periods away). */
export const totpCode = (secret: string, offsetSteps = 0) =>
  generateSync({ secret, epoch: Math.floor(Date.now() / 1000) + offsetSteps * 30 });

/** Turns cluster-wide MFA on with the given methods. */
export async function enableMfa(t: TestServer, admin: Record<string, string>, types = ['totp', 'email']) {
  const response = await t.send('PUT', '/v2/mfa-config', {
    headers: admin,
    body: { enabled: true, authenticationTypes: types },
  });
  if (response.status !== 204) throw new Error(`mfa-config failed: ${response.status} ${response.text}`);
}

/** A viewer with an email address (email codes need one). */
export async function createMfaUser(t: TestServer, adminToken: string, username: string) {
  const response = await t.send<Users>('POST', '/v2/users', {
    headers: bearer(adminToken),
    body: [
      {
        username,
        roles: ['COHESITY_VIEWER'],
        localUserParams: { password: STRONG_PASSWORD, email: `${username}@example.com` },
      },
    ],
  });
  const user = response.body.users?.[0];
  if (response.status !== 201 || !user) throw new Error(`create failed: ${response.status} ${response.text}`);
  return user;
}

/** Enrols TOTP with a web-login cookie and answers the key. */
export async function enrolTotp(t: TestServer, cookie: string | undefined): Promise<TotpKeyInfo> {
  const response = await t.send<TotpKeyInfo>('POST', '/v2/totp-key', { headers: { cookie: cookie ?? '' }, body: {} });
  if (response.status !== 201) throw new Error(`totp-key failed: ${response.status} ${response.text}`);
  return response.body;
}

/** The emails the stand-in "sent", oldest first (the outbox in the data dir). */
export async function outbox(t: TestServer): Promise<{ to: string; user: string; code: string }[]> {
  const text = await readFile(join(t.dataDir, 'email-outbox.jsonl'), 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));
}

export async function lastEmailCode(t: TestServer, username: string): Promise<string> {
  const mail = (await outbox(t)).filter((m) => m.user === `LOCAL\\${username}`).at(-1);
  if (!mail) throw new Error(`no email for ${username}`);
  return mail.code;
}

import { randomUUID } from 'node:crypto';
import { hashSecret } from '../../../server/src/secret-hash.js';
import type { TestServer } from '../../../server/test/helpers/start-server.js';

/** Puts an API key for admin straight into the server's store (the identity routes may not exist yet). */
export async function createAdminApiKey(server: TestServer): Promise<string> {
  const { store } = server.server;
  const admin = await store.findUser('admin', 'LOCAL');
  if (!admin) throw new Error('no admin user');
  const secret = randomUUID();
  await store.createApiKey({
    id: randomUUID(),
    name: `sdk-test-${secret.slice(0, 8)}`,
    userSid: admin.sid,
    createdByUserSid: admin.sid,
    secretHash: hashSecret(secret),
    createdTimeMsecs: Date.now(),
    expiryTimeMsecs: null,
    lastRotatedTimeMsecs: null,
    isActive: true,
  });
  return secret;
}

import { randomBytes } from 'node:crypto';
import type { CreateSessionRequestParams } from 'cohesity-sdk/models';
import type { FastifyRequest } from 'fastify';
import { audit } from '../audit.js';
import { sessionLimitReached } from '../errors.js';
import type { Services } from '../services.js';
import { loginWithPassword } from './login.js';
import { hashSecret } from './secret-hash.js';
import { sessionCutoffs } from './session-expiry.js';

/**
 * Logs in (lockout and audit included) and starts a session. The id is 256 random bits and
 * only its SHA-256 is stored; the store counts and inserts in one transaction, so the
 * configured limits hold under concurrent logins.
 */
export async function createSession(
  services: Services,
  request: FastifyRequest,
  body: CreateSessionRequestParams | undefined,
): Promise<string> {
  const user = await loginWithPassword(services, request, body);
  const { sessionConfiguration: config } = await services.securityConfig();
  const sessionId = randomBytes(32).toString('base64url');
  const now = services.now();
  // Timed-out sessions nobody used again would otherwise count against the limits forever.
  await services.store.deleteExpiredSessions(sessionCutoffs(config, now));
  const result = await services.store.createSession(
    {
      idHash: hashSecret(sessionId),
      userSid: user.sid,
      createdTimeMsecs: now,
      lastSeenTimeMsecs: now,
      credentialsVersion: user.credentialsVersion,
    },
    config.limitSessions
      ? { perUser: config.sessionLimitPerUser, systemWide: config.sessionLimitSystemWide }
      : { perUser: null, systemWide: null },
  );
  if (result !== 'created') {
    await audit(services, request, {
      action: 'session.create',
      outcome: 'denied',
      actorSid: user.sid,
      target: user.sid,
      details: { reason: result },
    });
    throw result === 'user-limit'
      ? sessionLimitReached('user', config.sessionLimitPerUser)
      : sessionLimitReached('cluster', config.sessionLimitSystemWide);
  }
  await audit(services, request, {
    action: 'session.create',
    outcome: 'success',
    actorSid: user.sid,
    target: user.sid,
  });
  return sessionId;
}

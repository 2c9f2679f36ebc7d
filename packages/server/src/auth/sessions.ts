import { randomBytes } from 'node:crypto';
import type { CreateSessionRequestParams } from 'cohesity-sdk/models';
import type { FastifyRequest } from 'fastify';
import { audit } from '../audit.js';
import { sessionLimitReached } from '../errors.js';
import type { Services } from '../services.js';
import type { UserRecord } from '../store/store.js';
import { type LoginOptions, loginWithPassword } from './login.js';
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
  options: LoginOptions = {},
): Promise<string> {
  return startSession(services, request, await loginWithPassword(services, request, body, options));
}

/** A new session id: 32 random bytes, base64 (the form clients know, login flows §6). */
export const newSessionId = () => randomBytes(32).toString('base64');

/** Starts a session for a user who has just logged in, within the configured limits. */
export async function startSession(
  services: Services,
  request: FastifyRequest,
  user: UserRecord,
  sessionId = newSessionId(),
): Promise<string> {
  const { sessionConfiguration: config } = await services.securityConfig();
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

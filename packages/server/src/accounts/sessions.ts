import { randomBytes } from 'node:crypto';
import type { Actor } from '../actor.js';
import { audit } from '../audit.js';
import { sessionLimitReached } from '../errors.js';
import { hashSecret } from '../secret-hash.js';
import type { Services } from '../services.js';
import type { UserRecord } from '../store/store.js';
import type { WebSessionState } from '../web-login/web-session.js';
import { sessionCutoffs } from './session-expiry.js';

/** A new session id: 32 random bytes, base64 (the form clients know, login flows §6). */
const newSessionId = () => randomBytes(32).toString('base64');

/**
 * Starts a session for a user who has just logged in. The id is 256 random bits and only
 * its SHA-256 is stored; the store counts and inserts in one transaction, so the configured
 * limits hold under concurrent logins.
 */
export async function startSession(
  services: Services,
  actor: Actor,
  user: UserRecord,
  web?: { state: WebSessionState; expiresAtMsecs: number },
): Promise<string> {
  const sessionId = newSessionId();
  const security = await services.securityConfig();
  const config = security.sessionConfiguration;
  const now = services.now();
  // Timed-out sessions nobody used again would otherwise count against the limits, and
  // stay in the database, forever.
  await services.store.deleteExpiredSessions(sessionCutoffs(security, now));
  const result = await services.store.createSession(
    {
      idHash: hashSecret(sessionId),
      userSid: user.sid,
      createdTimeMsecs: now,
      lastSeenTimeMsecs: now,
      credentialsVersion: user.credentialsVersion,
      expiresAtMsecs: web?.expiresAtMsecs ?? null,
      webState: web ? JSON.stringify(web.state) : null,
    },
    config.limitSessions
      ? { perUser: config.sessionLimitPerUser, systemWide: config.sessionLimitSystemWide }
      : { perUser: null, systemWide: null },
  );
  if (result !== 'created') {
    await audit(services, actor, {
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
  await audit(services, actor, {
    action: 'session.create',
    outcome: 'success',
    actorSid: user.sid,
    target: user.sid,
  });
  return sessionId;
}

/** Ends the sessions of `sid`, or everyone's when undefined; audited with how many ended. */
export async function endSessions(services: Services, actor: Actor, sid: string | undefined): Promise<void> {
  const ended = await services.store.deleteSessions(sid);
  await audit(services, actor, {
    action: 'session.delete',
    outcome: 'success',
    target: sid ?? '*',
    details: { ended },
  });
}

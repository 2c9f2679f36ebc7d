import type { SecurityConfig } from 'cohesity-sdk/models';
import type { SessionCutoffs, SessionRecord } from '../store/store.js';

/**
 * When sessions time out: under `sessionConfiguration` (seconds; 0 means never), at their
 * own end, and for web logins after `inactivityTimeoutMSecs` unused (the UI's idle timeout:
 * the project applies it to scripted cookies too; 0 means never).
 */
export function sessionCutoffs(config: SecurityConfig, nowMsecs: number): SessionCutoffs {
  const { absoluteTimeout, inactivityTimeout } = config.sessionConfiguration;
  // Assigned, not spread from conditional objects: every session check makes one.
  const cutoffs: SessionCutoffs = { nowMsecs };
  if (absoluteTimeout > 0) cutoffs.createdAtOrBeforeMsecs = nowMsecs - absoluteTimeout * 1000;
  if (inactivityTimeout > 0) cutoffs.lastSeenAtOrBeforeMsecs = nowMsecs - inactivityTimeout * 1000;
  if (config.inactivityTimeoutMSecs > 0) cutoffs.webLastSeenAtOrBeforeMsecs = nowMsecs - config.inactivityTimeoutMSecs;
  return cutoffs;
}

/** The check `Store.deleteExpiredSessions` makes in SQL, for one session in hand. */
export function isSessionExpired(session: SessionRecord, cutoffs: SessionCutoffs): boolean {
  const { createdAtOrBeforeMsecs: created, lastSeenAtOrBeforeMsecs: lastSeen } = cutoffs;
  const webLastSeen = cutoffs.webLastSeenAtOrBeforeMsecs;
  return (
    (session.expiresAtMsecs !== null && session.expiresAtMsecs <= cutoffs.nowMsecs) ||
    (created !== undefined && session.createdTimeMsecs <= created) ||
    (lastSeen !== undefined && session.lastSeenTimeMsecs <= lastSeen) ||
    (webLastSeen !== undefined && session.webState !== null && session.lastSeenTimeMsecs <= webLastSeen)
  );
}

import type { SecurityConfig } from 'cohesity-sdk/models';
import type { SessionCutoffs, SessionRecord } from '../store/store.js';

/** When sessions time out under `sessionConfiguration` (seconds; 0 means never). */
export function sessionCutoffs(config: SecurityConfig['sessionConfiguration'], nowMsecs: number): SessionCutoffs {
  // Assigned, not spread from conditional objects: every session check makes one.
  const cutoffs: SessionCutoffs = {};
  if (config.absoluteTimeout > 0) cutoffs.createdAtOrBeforeMsecs = nowMsecs - config.absoluteTimeout * 1000;
  if (config.inactivityTimeout > 0) cutoffs.lastSeenAtOrBeforeMsecs = nowMsecs - config.inactivityTimeout * 1000;
  return cutoffs;
}

export function isSessionExpired(session: SessionRecord, cutoffs: SessionCutoffs): boolean {
  const { createdAtOrBeforeMsecs: created, lastSeenAtOrBeforeMsecs: lastSeen } = cutoffs;
  return (
    (created !== undefined && session.createdTimeMsecs <= created) ||
    (lastSeen !== undefined && session.lastSeenTimeMsecs <= lastSeen)
  );
}

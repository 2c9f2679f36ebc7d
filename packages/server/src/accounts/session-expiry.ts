import type { SecurityConfig } from 'cohesity-sdk/models';
import type { SessionCutoffs, SessionRecord } from '../store/store.js';

/** When sessions time out under `sessionConfiguration` (seconds; 0 means never). */
export function sessionCutoffs(config: SecurityConfig['sessionConfiguration'], nowMsecs: number): SessionCutoffs {
  return {
    ...(config.absoluteTimeout > 0 ? { createdAtOrBeforeMsecs: nowMsecs - config.absoluteTimeout * 1000 } : {}),
    ...(config.inactivityTimeout > 0 ? { lastSeenAtOrBeforeMsecs: nowMsecs - config.inactivityTimeout * 1000 } : {}),
  };
}

export function isSessionExpired(session: SessionRecord, cutoffs: SessionCutoffs): boolean {
  const { createdAtOrBeforeMsecs: created, lastSeenAtOrBeforeMsecs: lastSeen } = cutoffs;
  return (
    (created !== undefined && session.createdTimeMsecs <= created) ||
    (lastSeen !== undefined && session.lastSeenTimeMsecs <= lastSeen)
  );
}

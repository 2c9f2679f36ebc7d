import type { Actor } from './actor.js';
import type { Services } from './services.js';
import type { AuditEvent } from './store/store.js';

export type AuditEntry = Pick<AuditEvent, 'action' | 'outcome'> &
  Partial<Pick<AuditEvent, 'target' | 'details' | 'actorSid' | 'actorName'>>;

/** Appends one line to the audit log: who (the actor unless given), what, when, from where. */
export function audit(services: Services, actor: Actor, entry: AuditEntry): Promise<void> {
  const user = actor.principal?.user;
  return services.store.appendAudit({
    timeMsecs: services.now(),
    actorSid: entry.actorSid ?? user?.sid ?? null,
    actorName: entry.actorName ?? (user ? `${user.domain}\\${user.username}` : null),
    target: entry.target ?? null,
    ip: actor.ip,
    requestId: actor.requestId,
    details: entry.details ?? {},
    action: entry.action,
    outcome: entry.outcome,
  });
}

import type { Actor } from './actor.js';
import type { Services } from './services.js';
import type { AuditEvent } from './store/store.js';

export type AuditEntry = Pick<AuditEvent, 'action' | 'outcome'> &
  Partial<Pick<AuditEvent, 'target' | 'details' | 'actorSid' | 'actorName'>>;

/** Appends one line to the audit log: who (the actor unless given), what, when, from where. */
export function audit(services: Services, actor: Actor, entry: AuditEntry): Promise<void> {
  const user = actor.principal?.user;
  const impersonating = actor.principal?.impersonating;
  return services.store.appendAudit({
    timeMsecs: services.now(),
    actorSid: entry.actorSid ?? user?.sid ?? null,
    actorName: entry.actorName ?? (user ? `${user.domain}\\${user.username}` : null),
    target: entry.target ?? null,
    ip: actor.ip,
    requestId: actor.requestId,
    // Both identities while impersonating: the administrator acts, for the tenant.
    details: impersonating
      ? {
          ...entry.details,
          isImpersonation: true,
          originalTenantId: null,
          tenantId: impersonating.tenantId,
          tenantName: impersonating.tenantName,
        }
      : (entry.details ?? {}),
    action: entry.action,
    outcome: entry.outcome,
  });
}

import type { FastifyRequest } from 'fastify';
import type { Services } from './services.js';
import type { AuditEvent } from './store/store.js';

export type AuditEntry = Pick<AuditEvent, 'action' | 'outcome'> &
  Partial<Pick<AuditEvent, 'target' | 'details' | 'actorSid' | 'actorName'>>;

/** Appends one line to the audit log: who (the caller unless given), what, when, from where. */
export function audit(services: Services, request: FastifyRequest, entry: AuditEntry): Promise<void> {
  const user = request.principal?.user;
  const impersonating = request.principal?.impersonating;
  return services.store.appendAudit({
    timeMsecs: services.now(),
    actorSid: entry.actorSid ?? user?.sid ?? null,
    actorName: entry.actorName ?? (user ? `${user.domain}\\${user.username}` : null),
    target: entry.target ?? null,
    ip: request.ip,
    requestId: request.id,
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

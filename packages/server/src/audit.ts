import type { FastifyRequest } from 'fastify';
import type { Services } from './services.js';
import type { AuditEvent } from './store/store.js';

export type AuditEntry = Pick<AuditEvent, 'action' | 'outcome'> &
  Partial<Pick<AuditEvent, 'target' | 'details' | 'actorSid' | 'actorName'>>;

/** Appends one line to the audit log: who (the caller unless given), what, when, from where. */
export function audit(services: Services, request: FastifyRequest, entry: AuditEntry): Promise<void> {
  const user = request.principal?.user;
  return services.store.appendAudit({
    timeMsecs: services.now(),
    actorSid: entry.actorSid ?? user?.sid ?? null,
    actorName: entry.actorName ?? (user ? `${user.domain}\\${user.username}` : null),
    target: entry.target ?? null,
    ip: request.ip,
    requestId: request.id,
    details: entry.details ?? {},
    action: entry.action,
    outcome: entry.outcome,
  });
}

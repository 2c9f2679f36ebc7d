import type { FastifyInstance } from 'fastify';
import { audit } from '../audit.js';
import { ApiError } from '../errors.js';
import type { Services } from '../services.js';

/**
 * Audits every request refused to an authenticated caller for want of a privilege, so a
 * stolen credential probing what it may do leaves a trace. Refusals without a genuine
 * credential (401) are not written: anyone could fill the log with them. The target is
 * the route's template, never the URL, which could carry anything.
 */
export function auditDenials(app: FastifyInstance, services: Services): void {
  app.addHook('onError', async function auditDenial(request, _reply, error) {
    if (!(error instanceof ApiError) || error.errorCode !== 'KPrivilegeError' || !request.actor?.principal) return;
    try {
      await audit(services, request.actor, {
        action: 'request',
        outcome: 'denied',
        target: `${request.method} ${request.routeOptions.url}`,
        details: { reason: error.message },
      });
    } catch (auditError) {
      // The caller still gets the 403; the lost line is loud in the server's log.
      request.log.error({ err: auditError }, 'could not audit a denied request');
    }
  });
}

import type { Principal } from './auth/principal.js';

/**
 * Who made a request, as the domain code sees it: built once by authentication, so accounts,
 * logins and the audit log never read the HTTP request themselves.
 */
export interface Actor {
  /** The authenticated caller; null on public routes (a login is audited before anyone is known). */
  readonly principal: Principal | null;
  /** The client's address (the socket's peer unless a trusted proxy named it). */
  readonly ip: string;
  /** The request id, as in the log lines and the `x-request-id` header. */
  readonly requestId: string;
}

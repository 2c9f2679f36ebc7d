import type { Privilege } from 'cohesity-sdk/models';
import type { Actor } from '../actor.js';
import type { UserRecord } from '../store/store.js';
import type { WebSessionState } from '../web-login/web-session.js';

/** Who is calling, and how they proved it. */
export interface Principal {
  readonly user: UserRecord;
  readonly privileges: ReadonlySet<Privilege>;
  readonly via: 'token' | 'apiKey' | 'session' | 'cookie';
  /** The session the request came with (a `session-id` or the web-login cookie). */
  readonly session?: { readonly idHash: string; readonly web: WebSessionState | undefined };
  /** Set while a cluster administrator acts as a tenant (`x-impersonate-tenant-id`). */
  readonly impersonating?: { readonly tenantId: string; readonly tenantName: string };
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by authentication on every request, public ones included (principal null there). */
    actor: Actor;
  }
  interface FastifyContextConfig {
    /** Answered without credentials (login, basicClusterInfo, health). */
    public?: boolean;
    /** A password login (tokens, sessions): rate-limited on its own, stricter budget. */
    login?: boolean;
    /** Allowed to a web login still waiting for its MFA code (login flows §3.5). */
    mfaStep?: boolean;
    /** Allowed to a web login whose password must change first (login flows §4). */
    passwordChange?: boolean;
    /** A catch-all of the cluster API (src/cluster-api), which finds the operation itself. */
    anyPath?: boolean;
  }
}

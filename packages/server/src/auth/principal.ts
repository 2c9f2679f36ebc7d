import type { Privilege } from 'cohesity-sdk/models';
import type { Actor } from '../actor.js';
import type { UserRecord } from '../store/store.js';

/** Who is calling, and how they proved it. */
export interface Principal {
  readonly user: UserRecord;
  readonly privileges: ReadonlySet<Privilege>;
  readonly via: 'token' | 'apiKey' | 'session';
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
    /** The cluster document's operation this route answers (src/cluster-api). */
    operationId?: string;
  }
}

import { invalidRequest, notFound } from '../errors.js';
import { hashSecret } from '../secret-hash.js';
import type { Store } from '../store/store.js';

/** What a fault applies to. Credentials are kept as their SHA-256 only. */
export type FaultScope =
  | { kind: 'all' }
  | { kind: 'user'; userSid: string; user: string }
  | { kind: 'credential'; credentialHash: string }
  | { kind: 'route'; route: string; method: string | null };

/** The fields of a faults request that name its scope; none means all. */
export interface ScopeFields {
  user?: string | undefined;
  credential?: string | undefined;
  route?: string | undefined;
  method?: string | undefined;
}

/** What a request offers to be matched against a scope. */
export interface FaultTarget {
  userSid: string | undefined;
  /** Hashes the credential header the request presented; only called when a scope needs it. */
  credentialHash(): string | undefined;
  route: string | undefined;
  method: string;
}

/** `/v2/users/{sid}` (OpenAPI) and `/v2/users/:sid` (Fastify) name the same route. */
export const routePattern = (route: string) => route.replace(/\{(\w+)\}/g, ':$1').replace(/\/+$/, '') || '/';

/** Turns the request's fields into a scope: a user by SID, `name` (LOCAL) or `DOMAIN\name`. */
export async function resolveScope(store: Store, fields: ScopeFields): Promise<FaultScope> {
  const given = [fields.user, fields.credential, fields.route].filter((value) => value !== undefined);
  if (given.length > 1) throw invalidRequest('Give at most one of user, credential and route');
  if (fields.method !== undefined && fields.route === undefined) throw invalidRequest('method goes with route');
  if (fields.user !== undefined) {
    const [domain, username] = fields.user.includes('\\') ? fields.user.split('\\', 2) : ['LOCAL', fields.user];
    const user = fields.user.startsWith('S-')
      ? await store.getUser(fields.user)
      : await store.findUser(username ?? '', domain ?? 'LOCAL');
    if (!user) throw notFound(`User ${fields.user}`);
    return { kind: 'user', userSid: user.sid, user: `${user.domain}\\${user.username}` };
  }
  if (fields.credential !== undefined) return { kind: 'credential', credentialHash: hashSecret(fields.credential) };
  if (fields.route !== undefined) {
    return { kind: 'route', route: routePattern(fields.route), method: fields.method?.toUpperCase() ?? null };
  }
  return { kind: 'all' };
}

export function scopeMatches(scope: FaultScope, target: FaultTarget): boolean {
  switch (scope.kind) {
    case 'all':
      return true;
    case 'user':
      return target.userSid === scope.userSid;
    case 'credential':
      return target.credentialHash() === scope.credentialHash;
    case 'route':
      return (
        target.route !== undefined &&
        routePattern(target.route) === scope.route &&
        (scope.method === null || scope.method === target.method)
      );
  }
}

/** A scope as the faults API shows it: a credential by the first characters of its hash. */
export function describeScope(scope: FaultScope): Record<string, string | null> {
  switch (scope.kind) {
    case 'all':
      return { kind: 'all' };
    case 'user':
      return { kind: 'user', user: scope.user, userSid: scope.userSid };
    case 'credential':
      return { kind: 'credential', credentialSha256: `${scope.credentialHash.slice(0, 12)}…` };
    case 'route':
      return { kind: 'route', route: scope.route, method: scope.method };
  }
}

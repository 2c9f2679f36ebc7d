import type { Credential, CredentialProvider } from './credential-provider.js';

/** The header a cluster administrator acts as a tenant with (login flows §5). */
export const IMPERSONATE_TENANT_HEADER = 'x-impersonate-tenant-id';

/**
 * The same credentials, sent with `x-impersonate-tenant-id` on every request (any scheme:
 * token, session, API key). The header is not secret: it names a tenant, e.g. `acme/`.
 * @example
 * const provider = impersonateTenant(fromApiKey(key), 'acme/');
 */
export function impersonateTenant(provider: CredentialProvider, tenantId: string): CredentialProvider {
  // The credential each header set was made from, so a 401 forgets the right token.
  const originals = new WeakMap<Credential, Credential>();
  return {
    kind: provider.kind,
    async get(signal?: AbortSignal) {
      const credential = await provider.get(signal);
      const withTenant = { headers: { ...credential.headers, [IMPERSONATE_TENANT_HEADER]: tenantId } };
      originals.set(withTenant, credential);
      return withTenant;
    },
    shouldReplay: (rejected, message) => provider.shouldReplay(originals.get(rejected) ?? rejected, message),
  };
}

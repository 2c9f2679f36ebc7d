import type { Principal } from '../auth/principal.js';
import type { Operation } from '../cluster-api/spec.js';
import { type TenantScope, WHOLE_CLUSTER } from '../cluster-api/store/resource-store.js';
import { missingPrivilege } from '../errors.js';
import { tenantIdFromSuffix } from './tenant-names.js';
import { tenantOf } from './tenant-scope.js';

/** The documents' flags that widen a list to the tenants' records (v2, v1, identity providers). */
const INCLUDE_FLAGS = ['includeTenants', 'allUnderHierarchy', 'includeAllTenants'];

/**
 * Where the document says `includeTenants` is true when not given (a group's runs: the
 * group named in the path decides); elsewhere a list shows the cluster's own records only.
 */
const INCLUDED_UNLESS_SAID = new Set(['v2 getProtectionGroupRuns']);

/** A list of records, not one named by the path's last parameter. */
const isList = (operation: Operation) => operation.method === 'GET' && !operation.path.endsWith('}');

const hasQuery = (operation: Operation, name: string) =>
  operation.parameters.some((p) => p.in === 'query' && p.name === name);

/** `tenantIds` as ids (`acme/`); scripts send them with or without the `/`, as the impersonation header. */
function wantedTenants(operation: Operation, params: Readonly<Record<string, unknown>>): string[] | undefined {
  const ids = params.tenantIds;
  if (!hasQuery(operation, 'tenantIds') || !Array.isArray(ids) || ids.length === 0) return undefined;
  return ids.map(String).map((id) => (id.endsWith('/') ? id : tenantIdFromSuffix(id)));
}

/**
 * Whose cluster-API records a request reaches (docs/cohesity-login-flows.md D40). A tenant
 * principal (the tenant's user, or an administrator impersonating it) creates records of
 * the tenant and reaches its records alone. A cluster principal creates the cluster's own
 * and reaches every record. Lists (only) narrow that: to `tenantIds` when given; for a
 * cluster principal, where the operation has an include flag, to the cluster's own records
 * unless it is set (`includeTenants=true`). Settings documents are the cluster's: a tenant
 * reads the cluster's and may not change them (403, as D28's cluster-wide settings).
 */
export function resourceScope(
  principal: Principal | null,
  operation: Operation,
  params: Readonly<Record<string, unknown>>,
  settings: boolean,
): TenantScope {
  const tenant = principal ? tenantOf(principal) : null;
  if (settings && tenant !== null) {
    if (operation.method !== 'GET') throw missingPrivilege('CLUSTER_MODIFY');
    return { owner: null, reach: [null], listed: [null] };
  }
  const wanted = isList(operation) ? wantedTenants(operation, params) : undefined;
  if (tenant !== null) {
    return { owner: tenant, reach: [tenant], listed: !wanted || wanted.includes(tenant) ? [tenant] : [] };
  }
  if (wanted) return { ...WHOLE_CLUSTER, listed: wanted };
  const flag = INCLUDE_FLAGS.find((name) => hasQuery(operation, name));
  if (flag === undefined || !isList(operation)) return WHOLE_CLUSTER;
  const include = params[flag] ?? INCLUDED_UNLESS_SAID.has(`${operation.version} ${operation.operationId}`);
  return include === true ? WHOLE_CLUSTER : { ...WHOLE_CLUSTER, listed: [null] };
}

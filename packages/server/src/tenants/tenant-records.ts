import type { Services } from '../services.js';
import { tenantIdFromSuffix } from './tenant-names.js';

export interface TenantRecord {
  tenantId: string;
  name: string;
  orgSuffix: string;
  description: string | null;
  createdTimeMsecs: number;
  lastUpdatedTimeMsecs: number;
}

const KIND = 'tenant';
const NAME_KIND = 'tenant-name';

export async function listTenants(services: Services): Promise<TenantRecord[]> {
  return (await services.store.listRecords(KIND)).map((r) => JSON.parse(r.value) as TenantRecord);
}

export async function getTenant(services: Services, tenantId: string): Promise<TenantRecord | undefined> {
  const text = await services.store.getRecord(KIND, tenantId);
  return text === undefined ? undefined : (JSON.parse(text) as TenantRecord);
}

/** Login flows §5, the project's rule: the org suffix first, then the name, case-insensitively. */
export async function findTenant(services: Services, given: string): Promise<TenantRecord | undefined> {
  const wanted = given.toLowerCase();
  const tenants = await listTenants(services);
  return (
    tenants.find((t) => t.orgSuffix.toLowerCase() === wanted) ?? tenants.find((t) => t.name.toLowerCase() === wanted)
  );
}

/**
 * Creates a tenant; undefined when the name or org suffix is taken (case-insensitively).
 * Both are claimed with single-use records, so two nodes cannot both create one.
 */
export async function createTenant(
  services: Services,
  fields: { name: string; orgSuffix?: string | undefined; description?: string | null | undefined },
): Promise<TenantRecord | undefined> {
  // Without a suffix, the name without the characters a suffix cannot hold.
  const orgSuffix = fields.orgSuffix ?? fields.name.replace(/[\s/\\@]+/g, '');
  const now = services.now();
  const tenant: TenantRecord = {
    tenantId: tenantIdFromSuffix(orgSuffix),
    name: fields.name,
    orgSuffix,
    description: fields.description ?? null,
    createdTimeMsecs: now,
    lastUpdatedTimeMsecs: now,
  };
  if ((await findTenant(services, orgSuffix)) || (await findTenant(services, fields.name))) return undefined;
  const nameKey = `name:${fields.name.toLowerCase()}`;
  const suffixKey = `suffix:${orgSuffix.toLowerCase()}`;
  if (!(await services.store.swapRecord(NAME_KIND, nameKey, undefined, tenant.tenantId))) return undefined;
  if (!(await services.store.swapRecord(NAME_KIND, suffixKey, undefined, tenant.tenantId))) {
    await services.store.deleteRecord(NAME_KIND, nameKey);
    return undefined;
  }
  await services.store.putRecord(KIND, tenant.tenantId, JSON.stringify(tenant));
  return tenant;
}

/**
 * Renames or re-describes a tenant; undefined when it is gone or the new name is taken.
 * A new name is claimed like a created one, and the old claim released.
 */
export async function updateTenant(
  services: Services,
  tenantId: string,
  fields: { name?: string | null | undefined; description?: string | null | undefined },
): Promise<TenantRecord | undefined> {
  const tenant = await getTenant(services, tenantId);
  if (!tenant) return undefined;
  const name = fields.name ?? tenant.name;
  if (name.toLowerCase() !== tenant.name.toLowerCase()) {
    // Its own suffix is no other tenant's: a tenant may take it as its name.
    const holder = await findTenant(services, name);
    if (holder && holder.tenantId !== tenantId) return undefined;
    if (!(await services.store.swapRecord(NAME_KIND, `name:${name.toLowerCase()}`, undefined, tenantId)))
      return undefined;
    await services.store.deleteRecord(NAME_KIND, `name:${tenant.name.toLowerCase()}`);
  }
  const description = fields.description === undefined ? tenant.description : fields.description;
  const updated = { ...tenant, name, description, lastUpdatedTimeMsecs: services.now() };
  await services.store.putRecord(KIND, tenantId, JSON.stringify(updated));
  return updated;
}

/** Deletes a tenant and releases its name and suffix; false when there was none. */
export async function deleteTenant(services: Services, tenantId: string): Promise<boolean> {
  const tenant = await getTenant(services, tenantId);
  if (!tenant) return false;
  await services.store.deleteRecord(KIND, tenantId);
  await services.store.deleteRecord(NAME_KIND, `name:${tenant.name.toLowerCase()}`);
  await services.store.deleteRecord(NAME_KIND, `suffix:${tenant.orgSuffix.toLowerCase()}`);
  return true;
}

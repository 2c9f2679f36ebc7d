import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResourceStore, TenantScope } from '../../src/cluster-api/store/resource-store.js';
import { SqlResources } from '../../src/cluster-api/store/sql-resources.js';
import { PostgresStore } from '../../src/store/postgres/postgres-store.js';
import type { Store } from '../../src/store/store.js';
import { dropSchema, postgresReachable, TEST_DATABASE_URL, uniqueSchema } from '../helpers/postgres.js';
import { sqliteUnderTest } from '../store/sqlite-under-test.js';

const reachable = await postgresReachable('tenant-scoped resource store on PostgreSQL');
const tenant = (id: string): TenantScope => ({ owner: id, reach: [id], listed: [id] });
const CLUSTER_OWN: TenantScope = { owner: null, reach: [null], listed: [null] };

/** Each statement of the resource store keeps to its scope, whatever a caller asks (SQL, both databases). */
describe.each([
  ['SQLite', true],
  ['PostgreSQL', reachable],
])('the resource store limited to a tenant, on %s', (name, run) => {
  let store: Store;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    if (!run) return;
    if (name === 'SQLite') {
      const under = await sqliteUnderTest();
      store = under.store;
      dispose = under.dispose;
    } else {
      const schema = uniqueSchema('scoped_store');
      store = await PostgresStore.open({ connectionString: TEST_DATABASE_URL, schema });
      dispose = async () => {
        await store.close();
        await dropSchema(schema);
      };
    }
  });
  afterAll(() => dispose?.());

  it.runIf(run)('reads, replaces and deletes only within reach; an existing record keeps its owner', async () => {
    const all = new SqlResources(store.runner);
    const acme = all.scoped(tenant('acme/'));
    const globex = all.scoped(tenant('globex/'));
    await acme.put('views', '1', 1, { name: 'acme-share' });
    await all.put('views', '2', 2, { name: 'cluster-share' });
    await globex.put('views', '3', 3, { name: 'globex-share' }, 'acme/');

    expect(await globex.get('views', '1')).toBeUndefined();
    await globex.put('views', '1', 1, { name: 'stolen' });
    expect(await globex.delete('views', '1')).toBe(false);
    expect(await all.get('views', '1')).toEqual({ id: '1', document: { name: 'acme-share' }, tenantId: 'acme/' });

    // The administrator replaces the document; the owner stays.
    await all.put('views', '1', 1, { name: 'renamed' });
    expect(await acme.get('views', '1')).toEqual({ id: '1', document: { name: 'renamed' }, tenantId: 'acme/' });

    const names = async (scoped: ResourceStore) => (await scoped.list('views')).map((r) => r.document.name);
    expect(await names(acme)).toEqual(['renamed', 'globex-share']);
    expect(await names(globex)).toEqual([]);
    expect(await names(all.scoped(CLUSTER_OWN))).toEqual(['cluster-share']);
    expect(await names(all.scoped({ owner: null, reach: 'all', listed: [] }))).toEqual([]);
    expect(await names(all.scoped({ owner: null, reach: 'all', listed: [null, 'globex/'] }))).toEqual([
      'cluster-share',
    ]);
    expect(await names(all)).toEqual(['renamed', 'cluster-share', 'globex-share']);
    expect(await acme.delete('views', '1')).toBe(true);
  });
});

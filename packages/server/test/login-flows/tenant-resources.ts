import { randomUUID } from 'node:crypto';
import type { AuditLogs, ErrorBody } from 'cohesity-sdk/models';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ServerConfig } from '../../src/config.js';
import { bearer, STRONG_PASSWORD } from '../helpers/identity.js';
import { startTestServer, type TestServer } from '../helpers/start-server.js';
import { createTenant, createTenantUser, IMPERSONATE, type TenantUser } from '../helpers/tenants.js';

/**
 * The whole-API resources of tenants (login flows D40), on the store `config` names: what a
 * tenant creates is its own, invisible (404) and untouchable to other tenants, and seen by
 * the cluster administrator as `includeTenants` says, across a restart.
 */

const V1 = '/irisservices/api/v1/public';
const GROUPS = '/v2/data-protect/protection-groups';
const VIEWS = '/v2/file-services/views';

type Headers = Record<string, string>;
interface Group {
  id: string;
  name: string;
  tenantId?: string;
}
interface Job {
  id: number;
  name: string;
  tenantId?: string;
}
interface View {
  /** v2's id (v1 shows it as `viewId` too). */
  id: number;
  name: string;
  tenantId?: string;
}

const BACKUP_POLICY = {
  regular: {
    incremental: { schedule: { unit: 'Days', daySchedule: { frequency: 1 } } },
    retention: { unit: 'Days', duration: 7 },
  },
};

const groupBody = (name: string, policyId: string) => ({
  name,
  policyId,
  environment: 'kPhysical',
  physicalParams: { protectionType: 'kFile' },
});

export function tenantResourceSuite(storeConfig: () => Partial<ServerConfig>) {
  const adminPassword = `Aa1-${randomUUID()}`;
  const config = () => ({ adminPassword, loginRateLimit: 0, apiRateLimit: 0, runSeconds: 1, ...storeConfig() });
  let t: TestServer;
  let admin: Headers;
  let alice: TenantUser;
  let bob: TenantUser;
  const as = (user: TenantUser): Headers => bearer(user.token);
  const impersonating = (tenantId: string): Headers => ({ ...admin, [IMPERSONATE]: tenantId });

  const createGroup = async (headers: Headers, name: string, policyId: string) => {
    const created = await t.send<Group>('POST', GROUPS, {
      headers,
      body: groupBody(name, policyId),
    });
    expect(created.status, created.text).toBe(201);
    return created.body;
  };
  const createView = async (headers: Headers, name: string) => {
    const created = await t.send<View>('POST', VIEWS, { headers, body: { name, storageDomainId: 1 } });
    expect(created.status, created.text).toBe(201);
    return created.body;
  };
  const groupNames = async (headers: Headers, query = '') => {
    const listed = await t.send<{ protectionGroups: Group[] }>('GET', `${GROUPS}${query}`, { headers });
    expect(listed.status, listed.text).toBe(200);
    return (listed.body.protectionGroups ?? []).map((g) => g.name).sort();
  };
  const expectNotFound = (response: { status: number; body: unknown }) => {
    expect(response.status, JSON.stringify(response.body)).toBe(404);
    expect((response.body as ErrorBody).errorCode).toBe('KNotFound');
  };

  let acmePolicy: string;
  let acmeGroup: Group;
  let acmeView: View;

  beforeAll(async () => {
    t = await startTestServer(config());
    admin = bearer(await t.login());
    await createTenant(t, admin, 'Acme Corp', 'acme');
    await createTenant(t, admin, 'Globex', 'globex');
    alice = await createTenantUser(t, admin, 'acme/', 'alice', 'alice@acme');
    bob = await createTenantUser(t, admin, 'globex/', 'bob', 'bob@globex');
    const policy = await t.send<{ id: string }>('POST', '/v2/data-protect/policies', {
      headers: as(alice),
      body: { name: 'acme-daily', backupPolicy: BACKUP_POLICY },
    });
    expect(policy.status, policy.text).toBe(201);
    acmePolicy = policy.body.id;
    acmeGroup = await createGroup(as(alice), 'acme-files', acmePolicy);
    acmeView = await createView(as(alice), 'acme-share');
  });
  afterAll(() => t?.close());

  it("a tenant user's group and view are the tenant's, in v2 and in v1's views of the same records", async () => {
    expect(acmeGroup.tenantId).toBe('acme/');
    expect(await groupNames(as(alice))).toEqual(['acme-files']);
    const got = await t.send<Group>('GET', `${GROUPS}/${acmeGroup.id}`, { headers: as(alice) });
    expect(got.body).toMatchObject({ name: 'acme-files', tenantId: 'acme/' });
    const jobN = Number(acmeGroup.id.split(':')[2]);
    const job = await t.send<Job>('GET', `${V1}/protectionJobs/${jobN}`, { headers: { apiKey: alice.key } });
    expect(job.body).toMatchObject({ id: jobN, name: 'acme-files', tenantId: 'acme/' });
    const views = await t.send<{ views: View[] }>('GET', VIEWS, { headers: as(alice) });
    expect(views.body.views.map((v) => [v.name, v.tenantId])).toEqual([['acme-share', 'acme/']]);
    const v1View = await t.send<View>('GET', `${V1}/views/acme-share`, { headers: as(alice) });
    expect(v1View.body).toMatchObject({ viewId: acmeView.id, tenantId: 'acme/' });
    // The tenant changes its own (the store's write is limited to the tenant's records too).
    const changed = await t.send<Group & { description?: string }>('PUT', `${GROUPS}/${acmeGroup.id}`, {
      headers: as(alice),
      body: { ...groupBody('acme-files', acmePolicy), description: 'nightly' },
    });
    expect(changed.status, changed.text).toBe(200);
    const reread = await t.send<{ description?: string; tenantId?: string }>('GET', `${V1}/protectionJobs/${jobN}`, {
      headers: as(alice),
    });
    expect(reread.body).toMatchObject({ description: 'nightly', tenantId: 'acme/' });
    // The cluster's own (demo) records are not the tenant's.
    expect((await t.send('GET', `${GROUPS}/${acmeGroup.id.replace(/\d+$/, '1')}`, { headers: as(alice) })).status).toBe(
      404,
    );
  });

  it('another tenant, and an administrator impersonating it, get 404 for them on every operation', async () => {
    const jobN = Number(acmeGroup.id.split(':')[2]);
    for (const headers of [as(bob), { apiKey: bob.key }, impersonating('globex/'), impersonating('globex')]) {
      expect(await groupNames(headers)).toEqual([]);
      expect(await groupNames(headers, `?includeTenants=true&tenantIds=acme/`)).toEqual([]);
      expectNotFound(await t.send('GET', `${GROUPS}/${acmeGroup.id}`, { headers }));
      expectNotFound(
        await t.send('PUT', `${GROUPS}/${acmeGroup.id}`, {
          headers,
          body: groupBody('stolen', acmePolicy),
        }),
      );
      expectNotFound(await t.send('DELETE', `${GROUPS}/${acmeGroup.id}`, { headers }));
      expectNotFound(
        await t.send('POST', `${GROUPS}/${acmeGroup.id}/runs`, { headers, body: { runType: 'kRegular' } }),
      );
      expectNotFound(await t.send('GET', `${GROUPS}/${acmeGroup.id}/runs`, { headers }));
      expectNotFound(await t.send('GET', `${V1}/protectionJobs/${jobN}`, { headers }));
      expectNotFound(await t.send('DELETE', `${V1}/protectionJobs/${jobN}`, { headers, body: {} }));
      expectNotFound(await t.send('GET', `${VIEWS}/${acmeView.id}`, { headers }));
      expectNotFound(await t.send('DELETE', `${VIEWS}/${acmeView.id}`, { headers }));
      expectNotFound(await t.send('GET', `${V1}/views/acme-share`, { headers }));
      expectNotFound(await t.send('GET', `/v2/data-protect/policies/${acmePolicy}`, { headers }));
      const views = await t.send<{ views?: View[] }>('GET', VIEWS, { headers });
      expect(views.body.views ?? []).toEqual([]);
      const jobs = await t.send<Job[]>('GET', `${V1}/protectionJobs?allUnderHierarchy=true`, { headers });
      expect(jobs.body).toEqual([]);
    }
    // Bob cannot reach Acme by the header either: a tenant user may not impersonate (D27).
    const header = await t.send<ErrorBody>('GET', `${GROUPS}/${acmeGroup.id}`, {
      headers: { ...as(bob), [IMPERSONATE]: 'acme/' },
    });
    expect(header.status).toBe(403);
    // Nothing above changed the records.
    const still = await t.send<Group>('GET', `${GROUPS}/${acmeGroup.id}`, { headers: as(alice) });
    expect(still.body.name).toBe('acme-files');
    expect((await t.send('GET', `${VIEWS}/${acmeView.id}`, { headers: as(alice) })).status).toBe(200);
  });

  it('the cluster administrator lists the cluster’s own by default, tenants’ with includeTenants or tenantIds', async () => {
    const own = await groupNames(admin);
    expect(own).not.toContain('acme-files');
    expect(own).toContain('VMware-Gold');
    expect(await groupNames(admin, '?includeTenants=false')).toEqual(own);
    expect(await groupNames(admin, '?includeTenants=true')).toEqual([...own, 'acme-files'].sort());
    expect(await groupNames(admin, '?tenantIds=acme/')).toEqual(['acme-files']);
    expect(await groupNames(admin, '?tenantIds=acme')).toEqual(['acme-files']);
    expect(await groupNames(admin, '?tenantIds=globex/')).toEqual([]);
    const jobs = async (query: string) =>
      (await t.send<Job[]>('GET', `${V1}/protectionJobs${query}`, { headers: admin })).body.map((j) => j.name);
    expect(await jobs('')).not.toContain('acme-files');
    expect(await jobs('?allUnderHierarchy=true')).toContain('acme-files');
    expect(await jobs('?tenantIds=acme/')).toEqual(['acme-files']);
    const views = await t.send<{ views: View[] }>('GET', `${VIEWS}?includeTenants=true`, { headers: admin });
    expect(views.body.views.map((v) => v.name)).toContain('acme-share');
    // Any record by its id.
    const got = await t.send<Group>('GET', `${GROUPS}/${acmeGroup.id}`, { headers: admin });
    expect(got.body).toMatchObject({ name: 'acme-files', tenantId: 'acme/' });
  });

  it("runs of a tenant's group are the tenant's, whoever starts them", async () => {
    const runsOf = async (headers: Headers) =>
      (await t.send<{ runs: { protectionGroupId: string }[] }>('GET', `${GROUPS}/${acmeGroup.id}/runs`, { headers }))
        .body.runs;
    const v1Runs = async (headers: Headers) =>
      (await t.send<{ jobId: number }[]>('GET', `${V1}/protectionRuns`, { headers })).body.map((r) => r.jobId);
    const jobN = Number(acmeGroup.id.split(':')[2]);
    const demoRuns = (await v1Runs(admin)).length;
    expect(
      (await t.send('POST', `${GROUPS}/${acmeGroup.id}/runs`, { headers: as(alice), body: { runType: 'kRegular' } }))
        .status,
    ).toBe(202);
    expect(
      (await t.send('POST', `${V1}/protectionJobs/run/${jobN}`, { headers: admin, body: { runType: 'kRegular' } }))
        .status,
    ).toBe(204);
    expect(await runsOf(as(alice))).toHaveLength(2);
    expect(await v1Runs(as(alice))).toEqual([jobN, jobN]);
    expect(await v1Runs(as(bob))).toEqual([]);
    // The administrator sees them with the group's (includeTenants is true by default here).
    expect(await runsOf(admin)).toHaveLength(2);
    expect(await v1Runs(admin)).toHaveLength(demoRuns + 2);
  });

  it('an administrator impersonating a tenant creates for the tenant, audited with both identities', async () => {
    const made = await createGroup(impersonating('acme/'), 'made-for-acme', acmePolicy);
    expect(made.tenantId).toBe('acme/');
    expect(await groupNames(as(alice))).toEqual(['acme-files', 'made-for-acme']);
    expect(await groupNames(as(bob))).toEqual([]);
    const log = await t.send<AuditLogs>('GET', '/v2/audit-logs?action=cluster.createProtectionGroup', {
      headers: admin,
    });
    const lines = log.body.auditLogs.filter((line) => line.action === 'cluster.createProtectionGroup');
    expect(lines.find((line) => line.target === made.id)).toMatchObject({
      actorName: 'LOCAL\\admin',
      details: expect.objectContaining({ isImpersonation: true, tenantId: 'acme/', tenantName: 'Acme Corp' }),
    });
    expect(lines.find((line) => line.target === acmeGroup.id)).toMatchObject({ actorName: 'LOCAL\\alice@acme' });
  });

  it('settings are the cluster’s: a tenant reads them, may not change them (403); another tenant’s record is no parent', async () => {
    const settings = '/v2/support-channel-config';
    const body = { isEnabled: true, endTimeUsecs: 1_900_000_000_000_000 };
    expect((await t.send('PUT', settings, { headers: admin, body })).status).toBeLessThan(300);
    for (const headers of [as(alice), impersonating('acme/')]) {
      const refused = await t.send<ErrorBody>('PUT', settings, { headers, body: { ...body, isEnabled: false } });
      expect(refused.status).toBe(403);
      expect(refused.body.errorCode).toBe('KPrivilegeError');
      expect((await t.send('GET', settings, { headers })).body).toMatchObject(body);
    }
    expect((await t.send('GET', settings, { headers: admin })).body).toMatchObject(body);
    const quotas = `${VIEWS}/${acmeView.id}/user-quotas`;
    expectNotFound(await t.send('POST', quotas, { headers: as(bob), body: { userQuotas: [] } }));
    expectNotFound(await t.send('GET', quotas, { headers: impersonating('globex/') }));
    expect((await t.send('GET', quotas, { headers: as(alice) })).status).toBe(200);
  });

  it('across random interleavings of creates by A, B and the administrator, A lists only its own', async () => {
    const who = { a: () => as(alice), b: () => as(bob), admin: () => admin };
    const made: Record<keyof typeof who, string[]> = { a: [], b: [], admin: [] };
    const baseline = await t.send<{ views: View[] }>('GET', `${VIEWS}?includeTenants=true`, { headers: admin });
    const before = { a: ['acme-share'], b: [] as string[], all: baseline.body.views.map((v) => v.name) };
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom<keyof typeof who>('a', 'b', 'admin'), { maxLength: 6 }),
        async (steps) => {
          for (const step of steps) {
            const name = `v-${step}-${randomUUID().slice(0, 8)}`;
            await createView(who[step](), name);
            made[step].push(name);
          }
          const names = async (headers: Headers, query = '') =>
            (await t.send<{ views?: View[] }>('GET', `${VIEWS}${query}`, { headers })).body.views?.map((v) => v.name) ??
            [];
          expect((await names(as(alice))).sort()).toEqual([...before.a, ...made.a].sort());
          expect((await names(as(bob))).sort()).toEqual([...before.b, ...made.b].sort());
          expect((await names(admin, '?includeTenants=true')).sort()).toEqual(
            [...before.all, ...made.a, ...made.b, ...made.admin].sort(),
          );
        },
      ),
      { numRuns: 20 },
    );
  }, 120_000);

  it('keeps every record’s tenant across a restart', async () => {
    await t.close({ removeData: false });
    t = await startTestServer({ ...config(), dataDir: t.dataDir });
    admin = bearer(await t.login());
    alice.token = await t.login('alice@acme', STRONG_PASSWORD, 'local');
    bob.token = await t.login('bob@globex', STRONG_PASSWORD, 'local');
    expect(await groupNames(as(alice))).toEqual(['acme-files', 'made-for-acme']);
    expectNotFound(await t.send('GET', `${GROUPS}/${acmeGroup.id}`, { headers: as(bob) }));
    expect(await groupNames(admin, '?tenantIds=acme/')).toEqual(['acme-files', 'made-for-acme']);
    // New ids go on after the old ones, whoever creates them.
    const next = await createView(as(bob), 'globex-after-restart');
    expect(next.id).toBeGreaterThan(acmeView.id);
    expect(next.tenantId).toBe('globex/');
  }, 60_000);
}

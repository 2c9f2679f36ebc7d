import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer } from '../helpers/identity.js';
import { startTestServer, type TestServer } from '../helpers/start-server.js';

// `/v2/tenants/swift` is an operation of its own in the v2 document, and a hand-written
// route with a parameter (`/v2/tenants/:id`) would take it: the operation answers it.
let t: TestServer;
let auth: Record<string, string>;
beforeAll(async () => {
  t = await startTestServer();
  auth = bearer(await t.login());
});
afterAll(() => t.close());

describe('a documented literal path under a hand-written route with parameters', () => {
  it('is answered by its own operation, behind the same authentication', async () => {
    expect((await t.send('GET', '/v2/tenants/swift')).status).toBe(401);
    const swift = await t.send<Record<string, unknown>>('GET', '/v2/tenants/swift', { headers: auth });
    expect(swift.status, swift.text).toBe(200);
    expect(swift.text).not.toContain('not found');
    const updated = await t.send('PUT', '/v2/tenants/swift/', { headers: auth, body: { tenantId: 'acme/' } });
    expect(updated.status, updated.text).toBeLessThan(300);
  });

  it('leaves every other value of the parameter to the hand-written route', async () => {
    const created = await t.send<{ id: string }>('POST', '/v2/tenants', {
      headers: auth,
      body: { name: 'Acme', tenantIdSuffix: 'acme' },
    });
    expect(created.status, created.text).toBe(201);
    const tenant = await t.send<{ id: string; name: string }>(
      'GET',
      `/v2/tenants/${encodeURIComponent(created.body.id)}`,
      {
        headers: auth,
      },
    );
    expect(tenant.body).toMatchObject({ id: created.body.id, name: 'Acme' });
    const missing = await t.send<{ errorCode: string }>('GET', '/v2/tenants/nobody', { headers: auth });
    expect(missing.status).toBe(404);
    expect(missing.body.errorCode).toBe('KNotFound');
  });
});

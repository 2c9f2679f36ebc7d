import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer } from '../helpers/identity.js';
import { startTestServer, type TestServer } from '../helpers/start-server.js';

const V1 = '/irisservices/api/v1/public';
let t: TestServer;
let auth: Record<string, string>;
const jobNames = async () =>
  (await t.send<{ name: string }[]>('GET', `${V1}/protectionJobs`, { headers: auth })).body.map((j) => j.name);

beforeAll(async () => {
  t = await startTestServer({ apiRateLimit: 0 });
  auth = bearer(await t.login());
});
afterAll(() => t.close());

const job = { name: 'nightly', policyId: '1:1:1', viewBoxId: 1, sourceSpecialParameters: [] };

describe('request validation of generic routes', () => {
  it('refuses a missing required field, naming it, and stores nothing', async () => {
    const before = await jobNames();
    const { name: _name, ...withoutName } = job;
    const response = await t.send('POST', `${V1}/protectionJobs`, { headers: auth, body: withoutName });
    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      errorCode: 'KValidationError',
      message: 'Please specify the mandatory parameters: body.name',
    });
    expect(await jobNames()).toEqual(before);
  });

  it('refuses a wrong type, naming the field', async () => {
    const response = await t.send('POST', '/v2/data-protect/protection-groups', {
      headers: auth,
      body: { name: 5, policyId: '1:1:1', environment: 'kVMware' },
    });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ errorCode: 'KValidationError' });
    expect((response.body as { message: string }).message).toContain('body.name');
  });

  it('tolerates null for optional fields and unknown keys, as the v1 SDK sends them', async () => {
    const response = await t.send<{ id: number; name: string }>('POST', `${V1}/protectionJobs`, {
      headers: auth,
      body: {
        ...job,
        name: 'with-nulls',
        description: null,
        priority: null,
        environment: null,
        fromTheFuture: { a: 1 },
      },
    });
    expect(response.status).toBe(201);
    expect(response.body.name).toBe('with-nulls');
    expect(Number.isInteger(response.body.id)).toBe(true);
  });

  it('reads query text as the SDKs send it: csv arrays, True and true; refuses what is no boolean', async () => {
    for (const flag of ['True', 'true', 'False', 'false']) {
      expect((await t.send('GET', `${V1}/protectionJobs?isActive=${flag}&ids=1,2`, { headers: auth })).status).toBe(
        200,
      );
    }
    const bad = await t.send('GET', `${V1}/protectionJobs?isActive=maybe`, { headers: auth });
    expect(bad.status).toBe(400);
    expect((bad.body as { message: string }).message).toContain('isActive');
    const badId = await t.send('GET', `${V1}/protectionJobs/abc`, { headers: auth });
    expect(badId.status).toBe(400);
    expect((badId.body as { message: string }).message).toContain('params.id');
  });

  it('answers a required query parameter left out with 400 naming it (v1 alerts need maxAlerts)', async () => {
    const response = await t.send('GET', `${V1}/alerts`, { headers: auth });
    expect(response.status).toBe(400);
    expect((response.body as { message: string }).message).toContain('maxAlerts');
  });

  it('refuses a body nested deeper than any schema goes, without a 5xx', async () => {
    const deep = `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`;
    const response = await t.send('POST', '/v2/data-protect/protection-groups', { headers: auth, rawBody: deep });
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ errorCode: 'KValidationError', message: 'The request body is nested too deeply' });
  });

  it('never answers 5xx to arbitrary bodies, and a refused one stores nothing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), async (body) => {
        const before = await jobNames();
        const response = await t.send('POST', `${V1}/protectionJobs`, { headers: auth, rawBody: JSON.stringify(body) });
        expect(response.status).toBeLessThan(500);
        if (response.status >= 400) {
          expect(response.body).toMatchObject({ errorCode: 'KValidationError' });
          expect(await jobNames()).toEqual(before);
        }
      }),
      { numRuns: 100 },
    );
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer } from '../helpers/identity.js';
import { startTestServer, type TestServer } from '../helpers/start-server.js';
import { declaredSuccess, documentOperations, schemaErrors } from './documents.js';
import { WalkRequests } from './walk-requests.js';

let t: TestServer;
let auth: Record<string, string>;

beforeAll(async () => {
  t = await startTestServer({ apiRateLimit: 0, lazyValidators: false });
});
afterAll(() => t.close());

describe('the cluster API checks, compiled after the server listens', () => {
  it('answers an operation the warm-up has not reached yet, then compiles them all', async () => {
    const { clusterApi, validatorsWarmUp } = t.server;
    const generic = clusterApi.spec.operations.filter((op) =>
      clusterApi.genericOperations.has(`${op.version} ${op.operationId}`),
    );
    // The warm-up goes in the documents' order: the last generic GET is the last it reaches.
    const last = generic.findLast((op) => op.method === 'GET' && !op.path.includes('{'));
    if (!last) throw new Error('no generic GET');
    expect(validatorsWarmUp.warmed.has(last)).toBe(false);
    auth = bearer(await t.login());
    const document = documentOperations().find(
      (op) => op.version === last.version && op.operationId === last.operationId,
    );
    if (!document) throw new Error(`${last.operationId} is in no document`);
    const request = await new WalkRequests(t.send).build(document, {}, false);
    const response = await t.send(request.method, request.path, { ...request.options, headers: auth });
    const { statuses, schema } = declaredSuccess(document);
    expect(statuses).toContain(response.status);
    if (schema) expect(schemaErrors(document.version, schema, response.body)).toEqual([]);

    const warmed = await validatorsWarmUp.done;
    expect(warmed?.size).toBe(generic.length);
    expect(warmed?.has(last)).toBe(true);
  }, 300_000);
});

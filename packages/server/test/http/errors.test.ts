import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestResponse, type TestServer } from '../helpers/start-server.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

/** Every non-2xx answer is exactly the contract's `{errorCode, message}` JSON. */
function expectContractError(response: TestResponse, status: number, errorCode: string): string {
  expect(response.status).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  const body = response.body as Record<string, unknown>;
  expect(Object.keys(body).sort()).toEqual(['errorCode', 'message']);
  expect(body.errorCode).toBe(errorCode);
  expect(body.message).toBeTypeOf('string');
  return body.message as string;
}

const LOGIN = '/v2/access-tokens';

describe('bad request bodies', () => {
  it.each([
    ['truncated JSON', '{"username":"admin","password":"se'],
    ['a bare word', 'hello'],
    ['a trailing comma', '{"username":"admin",}'],
  ])('answers 400 KValidationError for %s without echoing it', async (_name, rawBody) => {
    const response = await t.send('POST', LOGIN, { rawBody, headers: { 'content-type': 'application/json' } });
    expectContractError(response, 400, 'KValidationError');
    expect(response.text).not.toContain('"se');
  });

  it('answers 400 for an empty body', async () => {
    const response = await t.send('POST', LOGIN, { rawBody: '', headers: { 'content-type': 'application/json' } });
    expectContractError(response, 400, 'KValidationError');
  });

  it.each([
    ['an array', [{ username: 'admin', password: 'admin' }]],
    ['a string', 'admin'],
    ['a number', 42],
    ['null', null],
  ])('answers 400 when the body is %s instead of an object', async (_name, body) => {
    const response = await t.send('POST', LOGIN, { rawBody: JSON.stringify(body) });
    const message = expectContractError(response, 400, 'KValidationError');
    expect(message).toMatch(/^Please specify the mandatory parameters/);
  });

  it.each([
    ['a numeric username', { username: 42, password: 'admin' }],
    ['an object password', { username: 'admin', password: { $ne: '' } }],
    ['an array domain', { username: 'admin', password: 'admin', domain: ['LOCAL'] }],
    ['a boolean password', { username: 'admin', password: true }],
  ])('answers 400 KValidationError for %s', async (_name, body) => {
    const response = await t.send('POST', LOGIN, { body });
    expectContractError(response, 400, 'KValidationError');
  });

  it('refuses a __proto__ key with 400 and leaves Object.prototype alone', async () => {
    const rawBody = '{"username":"admin","password":"admin","__proto__":{"polluted":true}}';
    const response = await t.send('POST', LOGIN, { rawBody, headers: { 'content-type': 'application/json' } });
    expectContractError(response, 400, 'KValidationError');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses a constructor.prototype key with 400', async () => {
    const rawBody = '{"username":"admin","password":"admin","constructor":{"prototype":{"polluted":true}}}';
    const response = await t.send('POST', LOGIN, { rawBody });
    expectContractError(response, 400, 'KValidationError');
  });

  it('answers 413 with the Error JSON for a body over 1 MiB', async () => {
    const rawBody = JSON.stringify({ username: 'admin', password: 'admin', pad: 'x'.repeat(1024 * 1024) });
    const response = await t.send('POST', LOGIN, { rawBody, headers: { 'content-type': 'application/json' } });
    expectContractError(response, 413, 'KValidationError');
  });

  it('keeps serving after bad bodies', async () => {
    expect(await t.login()).toMatch(/^ey/);
  });
});

describe('unknown paths and methods', () => {
  it.each([
    ['GET', '/v2/no-such-thing'],
    ['POST', '/irisservices/api/v1/public/nothing'],
    ['GET', '/'],
    ['DELETE', '/v3/clusters'],
  ])('answers %s %s with 404 KNotFound', async (method, path) => {
    const response = await t.send(method, path);
    expectContractError(response, 404, 'KNotFound');
  });

  it('answers 404 for an unknown path even without credentials (no 401 first)', async () => {
    const response = await t.send('GET', '/v2/definitely/not/here');
    expectContractError(response, 404, 'KNotFound');
  });

  it('answers 404 and 405 whatever the body holds, before parsing it', async () => {
    const garbage = { rawBody: '{not json', headers: { 'content-type': 'application/json' } };
    expectContractError(await t.send('POST', '/v2/nothing-here', garbage), 404, 'KNotFound');
    // Not POST /v2/clusters: that is the document's createCluster, answered by the cluster API.
    const wrongMethod = await t.send('POST', '/v2/clusters/local-domain-sid', garbage);
    expectContractError(wrongMethod, 405, 'KMethodNotAllowed');
    expect(wrongMethod.headers.allow).toBe('GET');
  });

  it.each([
    ['GET', '/v2/access-tokens', 'POST'],
    ['DELETE', '/v2/clusters', 'GET'],
    ['PUT', '/irisservices/api/v1/public/basicClusterInfo', 'GET'],
  ])('answers %s %s with 405 and Allow: %s', async (method, path, allow) => {
    const response = await t.send(method, path);
    expectContractError(response, 405, 'KMethodNotAllowed');
    expect(response.headers.allow).toContain(allow);
  });
});

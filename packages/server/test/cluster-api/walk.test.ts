import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createUser, STRONG_PASSWORD } from '../helpers/identity.js';
import { startTestServer, type TestResponse, type TestServer } from '../helpers/start-server.js';
import { type DocumentOperation, declaredSuccess, documentOperations, schemaErrors } from './documents.js';
import { expiredTokenLike } from './expired-token.js';
import { WalkRequests } from './walk-requests.js';

// The contract's operations that need no credentials (contract §2, §6 and §8; login flows §3:
// `POST /v2/email-otp` comes before any login, with the credentials in its body).
const PUBLIC = new Set([
  'v2 createAccessToken',
  'v2 createEmailOtp',
  'v1 createGenerateAccessToken',
  'v1 getBasicClusterInfo',
  'v2 createSession',
]);
const CONCURRENCY = 8;

let t: TestServer;
let admin: Record<string, string>;
let viewer: Record<string, string>;
let expired: Record<string, string>;
let requests: WalkRequests;
const operations = documentOperations();
const nameOf = (op: DocumentOperation) => `${op.version} ${op.method} ${op.path} (${op.operationId})`;

/** Whether the generic cluster API answers `op` (else a hand-written route does). */
function isGeneric(op: DocumentOperation): boolean {
  return t.server.clusterApi.genericOperations.has(`${op.version} ${op.operationId}`);
}

async function eachOperation(ops: DocumentOperation[], check: (op: DocumentOperation) => Promise<string | undefined>) {
  const failures: string[] = [];
  for (let i = 0; i < ops.length; i += CONCURRENCY) {
    const results = await Promise.all(ops.slice(i, i + CONCURRENCY).map(check));
    failures.push(...results.filter((r): r is string => r !== undefined));
  }
  return failures;
}

function contractError(response: TestResponse, status: number, errorCode: string, message?: string) {
  const body = response.body as { errorCode?: unknown; message?: unknown };
  if (response.status !== status || body.errorCode !== errorCode || typeof body.message !== 'string') {
    return `${response.status} ${response.text.slice(0, 200)}`;
  }
  if (message !== undefined && body.message !== message) return `message ${String(body.message)}`;
  return undefined;
}

beforeAll(async () => {
  t = await startTestServer({ adminPassword: randomUUID(), loginRateLimit: 0, apiRateLimit: 0 });
  const adminToken = await t.login();
  admin = bearer(adminToken);
  await createUser(t, adminToken, 'walk-viewer', ['COHESITY_VIEWER']);
  viewer = bearer(await t.login('walk-viewer', STRONG_PASSWORD));
  expired = bearer(await expiredTokenLike(t, adminToken));
  requests = new WalkRequests((method, path, options = {}) =>
    t.send(method, path, { ...options, headers: { ...options.headers, ...admin } }),
  );
});
afterAll(() => t.close());

describe('every operation of both documents', () => {
  it('is routed: 442 in v2, 394 in v1', () => {
    expect(operations.filter((op) => op.version === 'v2')).toHaveLength(442);
    expect(operations.filter((op) => op.version === 'v1')).toHaveLength(394);
    const generic = operations.filter(isGeneric);
    // Everything but the hand-written auth routes is answered generically.
    expect(generic.length).toBeGreaterThan(750);
  });

  it('answers an admin with the status and a body the document declares', async () => {
    const failures = await eachOperation(operations.filter(isGeneric), async (op) => {
      const request = await requests.build(op);
      const response = await t.send(request.method, request.path, {
        ...request.options,
        headers: { ...request.options.headers, ...admin },
      });
      const { statuses, schema } = declaredSuccess(op);
      if (!statuses.includes(response.status))
        return `${nameOf(op)}: ${response.status} ${response.text.slice(0, 300)}`;
      // 204 has no body, whatever the document says (`updateMfaConfig` declares 204 with one).
      if (schema === undefined || response.status === 204) {
        return response.text === '' ? undefined : `${nameOf(op)}: a body without a schema`;
      }
      if (!String(response.headers['content-type']).startsWith('application/json')) return `${nameOf(op)}: not JSON`;
      const errors = schemaErrors(op.version, schema, response.body);
      return errors.length ? `${nameOf(op)}: ${errors.join('; ')}` : undefined;
    });
    expect(failures).toEqual([]);
  }, 300_000);

  it('lets a viewer read everything and change nothing (403 KPrivilegeError)', async () => {
    const ops = operations.filter((op) => !PUBLIC.has(`${op.version} ${op.operationId}`) && isGeneric(op));
    const failures = await eachOperation(ops, async (op) => {
      const request = await requests.build(op, {}, op.method === 'GET');
      const response = await t.send(request.method, request.path, {
        ...request.options,
        headers: { ...request.options.headers, ...viewer },
      });
      if (op.method === 'GET') {
        return declaredSuccess(op).statuses.includes(response.status) ? undefined : `${nameOf(op)}: ${response.status}`;
      }
      const problem = contractError(response, 403, 'KPrivilegeError');
      return problem && `${nameOf(op)}: ${problem}`;
    });
    expect(failures).toEqual([]);
  }, 300_000);

  it('answers 401 to a request without credentials, and Token expired to an expired token', async () => {
    const ops = operations.filter((op) => !PUBLIC.has(`${op.version} ${op.operationId}`));
    const failures = await eachOperation(ops, async (op) => {
      const request = await requests.build(op, {}, false);
      const none = await t.send(request.method, request.path, request.options);
      const late = await t.send(request.method, request.path, {
        ...request.options,
        headers: { ...request.options.headers, ...expired },
      });
      const problem =
        contractError(
          none,
          401,
          'KStatusUnauthorized',
          'Authentication failed: Neither session cookie nor token is present in the request',
        ) ?? contractError(late, 401, 'KStatusUnauthorized', 'Token expired');
      return problem && `${nameOf(op)}: ${problem}`;
    });
    expect(failures).toEqual([]);
  }, 300_000);
});

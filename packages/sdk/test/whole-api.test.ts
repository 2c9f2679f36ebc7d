import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, describe, expect, it } from 'vitest';
import type { OpenApiDocument, Schema } from '../../server/src/cluster-api/spec.js';
import { ApiException, type ClusterClient } from '../src/index.js';
import { ADMIN_PASSWORD, startTestCluster } from './helpers/test-cluster.js';

// Every operation of both documents, called once through the SDK against the real server,
// after creating (through the SDK, from the document) the records its path names; its
// status must be one the document declares and its answer must fit the document's schema.
type Document = OpenApiDocument;
type Operation = Document['paths'][string][string];
type Api = 'v1' | 'v2';
type Method = (...args: unknown[]) => Promise<unknown>;

const openapi = join(import.meta.dirname, '..', 'openapi');
const documents: Record<Api, Document> = {
  v2: JSON.parse(await readFile(join(openapi, 'cluster-v2.openapi.json'), 'utf8')) as Document,
  v1: JSON.parse(await readFile(join(openapi, 'cluster-v1.openapi.json'), 'utf8')) as Document,
};
const cluster = await startTestCluster({ loginRateLimit: 0, apiRateLimit: 0 });
afterAll(() => cluster.close());

/** The group name the SDK gives a tag (scripts/naming.mjs). */
const { groupName } = (await import(join(import.meta.dirname, '..', 'scripts', 'naming.mjs'))) as {
  groupName: (tag: string) => string;
};

/** The least value a schema accepts: required fields only, first enum value, `minItems` items. */
function sample(schema: Schema | undefined, document: Document, depth = 0): unknown {
  if (!schema || depth > 8) return undefined;
  if (schema.$ref) return sample(document.components.schemas[schema.$ref.split('/').pop() ?? ''], document, depth + 1);
  const alternative = schema.anyOf?.find((s) => s.type !== 'null');
  if (alternative) return sample(alternative, document, depth + 1);
  if (schema.enum) return schema.enum.find((value) => value !== null);
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  if (type === 'object' || schema.properties) {
    const entries = (schema.required ?? []).map((name) => [
      name,
      sample(schema.properties?.[name], document, depth + 1),
    ]);
    return Object.fromEntries(entries);
  }
  if (type === 'array')
    return Array.from({ length: schema.minItems ?? 0 }, () => sample(schema.items, document, depth + 1));
  if (type === 'integer' || type === 'number') return Math.max(1, schema.minimum ?? 1);
  if (type === 'boolean') return false;
  return schema.format === 'binary' ? new Uint8Array([1]) : text(schema.pattern);
}

let texts = 0;
/**
 * A string of its own (names must not collide; not digits, which the cluster reads as an
 * id), of the first shape the pattern accepts.
 */
function text(pattern: string | undefined): string {
  texts += 1;
  const n = texts;
  const shapes = [`a${n}`, `${n}`, `${n}:${n}`, `${n}:${n}:${n}`, `a${n}@example.com`];
  return shapes.find((shape) => !pattern || new RegExp(pattern).test(shape)) ?? `${n}`;
}

/**
 * Bodies no schema can give, made from the sample body: the admin's credentials, what the
 * contract requires beyond the document (a user's roles and password, a tenant's name), a
 * real user's sid.
 */
const login = (body: unknown) => ({
  ...(body as object),
  username: 'admin',
  password: ADMIN_PASSWORD,
  domain: 'LOCAL',
});
const named = (body: unknown) => ({ ...(body as object), name: text(undefined) });
const INPUTS: Record<string, (body: unknown) => unknown> = {
  'v2 createAccessToken': login,
  'v1 createGenerateAccessToken': login,
  'v2 createEmailOtp': login,
  'v2 createUsers': () => [
    { username: `user${text(undefined)}`, roles: ['COHESITY_VIEWER'], localUserParams: { password: ADMIN_PASSWORD } },
  ],
  'v1 createTenant': named,
  'v1 updateUser': async (body) => ({ ...(body as object), sid: await userSid() }),
};

/**
 * The operations that cannot succeed on a stand-in, and the exact refusal each must get.
 * Nothing else may be refused.
 */
const NO_EMAIL = [400, 'The user has no email address to send a code to'] as [number, string];
const REFUSED: Record<string, [status: number, message: string]> = {
  // The admin of a fresh cluster has no email address to send a code to.
  'v2 createEmailOtp': NO_EMAIL,
  'v2 sendEmailOtp': NO_EMAIL,
  // Token logins and session logins exclude each other (login flows §6); this walk uses tokens.
  'v2 createSession': [400, 'Access denied'],
  // The support user's MFA is set to neither method here (login flows D38).
  'v2 sendSupportEmailOtp': [400, 'The support user’s MFA is not set to email'],
  'v2 verifySupportUserTotp': [400, 'The support user’s MFA is not set to TOTP'],
};

/**
 * The answer without its null fields: both documents say a tolerant client takes any
 * optional field as possibly null (v2 gap 5, v1 gap 3), and the SDK's types do.
 */
function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value).filter(([, field]) => field !== null);
  return Object.fromEntries(entries.map(([name, field]) => [name, withoutNulls(field)]));
}

/**
 * Where the server's answer differs from the document on purpose: the contract wins (the
 * reasons are in packages/server/test/cluster-api/hand-written.test.ts, CONTRACT_WINS).
 */
const CONTRACT_WINS: Record<string, RegExp> = {
  'v2 getAuditLogs': /^\/auditLogs\/\d+\/details$/,
  'v2 getSecurityConfig': /^\/(accountLockout\/inactivityTimeDays|passwordLifetime\/maxLifetimeDays)$/,
  'v2 updateSecurityConfig': /^\/(accountLockout\/inactivityTimeDays|passwordLifetime\/maxLifetimeDays)$/,
};

const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
ajv.addSchema(documents.v2 as object, 'v2');
ajv.addSchema(documents.v1 as object, 'v1');
const pointer = (...parts: string[]) => parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

interface Case {
  api: Api;
  path: string;
  method: string;
  operation: Operation;
}

const cases: Case[] = (['v2', 'v1'] as const).flatMap((api) =>
  Object.entries(documents[api].paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, operation]) => ({ api, path, method, operation })),
  ),
);

const client: ClusterClient = cluster.client();

/** The SDK's method for an operation: `client[.v1].<group>.<operationId>`. */
function methodOf({ api, operation }: Case): Method {
  const root = (api === 'v1' ? client.v1 : client) as unknown as Record<string, Record<string, Method>>;
  const method = root[groupName(operation.tags?.[0] ?? '')]?.[operation.operationId];
  if (!method) throw new Error(`no method for ${api} ${operation.operationId}`);
  return method;
}

/** Calls an operation with `path` values, samples of its other required parameters and of its body. */
async function call(
  c: Case,
  path: Record<string, unknown>,
  fields: Record<string, unknown> = {},
): Promise<{ status: number; body: unknown }> {
  const { api, operation } = c;
  const params: Record<string, unknown> = { ...path };
  for (const parameter of operation.parameters ?? []) {
    if (parameter.required && parameter.in !== 'path')
      params[parameter.name] = sample(parameter.schema, documents[api]);
  }
  const content = Object.values(operation.requestBody?.content ?? {})[0];
  const input = INPUTS[`${api} ${operation.operationId}`];
  const sampled = content ? sample(content.schema, documents[api]) : undefined;
  const body = sampled && typeof sampled === 'object' && !Array.isArray(sampled) ? { ...sampled, ...fields } : sampled;
  if (content) params.body = input ? await input(body) : body;
  const options = { withResponse: true };
  const method = methodOf(c);
  if ((operation.parameters ?? []).length === 0)
    return (await (content ? method(params.body, options) : method(options))) as never;
  return (await method(params, options)) as never;
}

/**
 * The create of the collection at `path`: a POST with a body beside an item path
 * (`path/{param}`), as the server tells collections apart.
 */
function createAt(api: Api, path: string): Case | undefined {
  const operation = documents[api].paths[path]?.post;
  const items = Object.keys(documents[api].paths).some(
    (other) => /^\/\{[^}]+\}$/.test(other.slice(path.length)) && other.startsWith(path),
  );
  return operation?.requestBody && items ? { api, path, method: 'post', operation } : undefined;
}

/** A record's value for a path parameter: the field of its name (`sid` for `userSid`), or its id. */
const ownName = (param: string) => param.replace(/^[a-z]+(?=[A-Z])/, '').replace(/^./, (c) => c.toLowerCase());
const resolve = (schema: Schema | undefined, document: Document): Schema | undefined =>
  schema?.$ref ? document.components.schemas[schema.$ref.split('/').pop() ?? ''] : schema;

function idIn(record: unknown, param: string): unknown {
  const own = ownName(param);
  const candidates = [record, ...(typeof record === 'object' && record ? Object.values(record) : [])]
    .flatMap((value) => (Array.isArray(value) ? value.slice(0, 1) : [value]))
    .filter((value): value is Record<string, unknown> => typeof value === 'object' && value !== null);
  for (const name of [param, own, 'id', 'name']) {
    const found = candidates.find((value) => value[name] !== undefined && value[name] !== '')?.[name];
    if (found !== undefined) return found;
  }
  return undefined;
}

const created = new Map<string, Promise<unknown>>();

/** A user of the cluster's own, created through the SDK. */
const userSid = () => recordId(createAt('v2', '/users') as Case, {}, 'sid', false);

/**
 * A record of the collection at `collection` (under the parents in `parents`), created
 * through the SDK; its value for `param`, read from the create's answer or, where that
 * answer does not carry it (a run's `createProtectionGroupRun`), from the collection's list.
 */
async function recordId(create: Case, parents: Record<string, unknown>, param: string, fresh: boolean) {
  const key = `${create.api} ${create.path} ${JSON.stringify(parents)}`;
  // A name the path parameter is, where the create's body names it (an interface group's `name`).
  const body = Object.values(create.operation.requestBody?.content ?? {})[0]?.schema;
  const properties = resolve(body, documents[create.api])?.properties ?? {};
  const field = [param, ownName(param)].find(
    (name) => name !== 'id' && [properties[name]?.type].flat().includes('string') && !properties[name]?.pattern,
  );
  const make = async () => {
    const answer = (await call(create, parents, field ? { [field]: text(undefined) } : {})).body;
    if (idIn(answer, param) !== undefined) return answer;
    const list = documents[create.api].paths[create.path]?.get;
    if (!list) return answer;
    return (await call({ ...create, method: 'get', operation: list }, parents)).body;
  };
  const record = fresh ? make() : (created.get(key) ?? make());
  if (!fresh) created.set(key, record);
  const id = idIn(await record, param);
  if (id === undefined) throw new Error(`${create.operation.operationId} answered no ${param}`);
  return id;
}

/**
 * The collection whose record a parameter after `prefix` names: the one at `prefix`, or, as
 * the server reads v1's paths, above literal segments (`/views/rename/{name}`, `/views/id/{id}`).
 */
function collectionAbove(api: Api, prefix: string): { create: Case | undefined; between: boolean } {
  for (let above = prefix; ; above = above.replace(/\/[^/{]+$/, '')) {
    const create = createAt(api, above);
    if (create || !/\/[^/{]+$/.test(above)) return { create, between: above !== prefix };
  }
}

/**
 * The path parameters of `c`: a real record for each one that names a record of a
 * collection (created first, parents before children), a sample for the others. A DELETE
 * gets a record of its own, so that the other operations keep theirs.
 */
async function pathValues(c: Case): Promise<Record<string, unknown>> {
  const values: Record<string, unknown> = {};
  for (const match of c.path.matchAll(/\{([^}]+)\}/g)) {
    const param = match[1] ?? '';
    const prefix = c.path.slice(0, Math.max(0, (match.index ?? 0) - 1));
    const { create, between } = collectionAbove(c.api, prefix);
    const last = match.index + match[0].length === c.path.length;
    const schema = c.operation.parameters?.find((p) => p.name === param)?.schema;
    const list = documents[c.api].paths[prefix]?.get;
    // An action on a record (`/views/rename/{name}`) or a DELETE changes it: it gets its own.
    if (create)
      values[param] = await recordId(create, { ...values }, param, last && (c.method === 'delete' || between));
    else {
      // Records the cluster makes itself (alerts, nodes): one it lists, if it lists any.
      const listed = list && (await call({ ...c, path: prefix, method: 'get', operation: list }, { ...values }));
      values[param] = (listed && idIn(listed.body, param)) ?? sample(schema, documents[c.api]);
    }
  }
  return values;
}

describe('every operation of both documents, through the SDK', () => {
  it.each(cases.map((c) => [`${c.api} ${c.operation.operationId}`, c] as const))('%s', async (name, c) => {
    const { api, path, method, operation } = c;
    const result = await call(c, await pathValues(c)).catch((error: unknown) => error);
    const refused = REFUSED[name];
    if (refused) {
      expect(result).toBeInstanceOf(ApiException);
      expect([(result as ApiException).status, (result as ApiException).body?.message]).toEqual(refused);
      return;
    }
    if (result instanceof Error) throw result;
    const { status, body } = result as { status: number; body: unknown };
    const declared = Object.keys(operation.responses).filter((s) => /^[23]/.test(s));
    // v1 declares its successes as `2XX`: any 2xx, and nothing else, is one of them.
    const key = declared.includes('2XX') && /^2/.test(String(status)) ? '2XX' : String(status);
    expect(declared).toContain(key);
    const json = operation.responses[key]?.content?.['application/json'];
    if (!json || body === undefined || body instanceof Uint8Array) return;
    const validate = ajv.getSchema(
      `${api}#/${pointer('paths', path, method, 'responses', key, 'content', 'application/json', 'schema')}`,
    );
    if (!validate) throw new Error(`no schema for ${name}`);
    validate(withoutNulls(body));
    const allowed = CONTRACT_WINS[name];
    const errors = (validate.errors ?? []).filter((error) => !allowed?.test(error.instancePath));
    expect(errors.slice(0, 3)).toEqual([]);
  });
});

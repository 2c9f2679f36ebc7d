import { loadClusterApiSpec, resolveRef, type Schema } from '../../src/cluster-api/spec.js';
import { bearer } from '../helpers/identity.js';
import type { TestServer } from '../helpers/start-server.js';
import { type DocumentOperation, documentOperations, type Version } from './documents.js';
import { WalkRequests } from './walk-requests.js';

/** A collection of the documents with a create: its operations by kind. */
export interface CollectionOps {
  name: string;
  create: DocumentOperation;
  list?: DocumentOperation;
  get?: DocumentOperation;
  update?: DocumentOperation;
  remove?: DocumentOperation;
}

const spec = loadClusterApiSpec();
const ALL = documentOperations();

/** Every `POST P` with a body and an item path `P/{x}` under it, answered generically. */
export function collectionsWithCreate(t: TestServer): CollectionOps[] {
  const generic = (op: DocumentOperation) =>
    t.server.clusterApi.genericOperations.has(`${op.version} ${op.operationId}`);
  // A run's create answers no run id (CreateProtectionGroupRunResponseBody): runs.test.ts covers runs.
  const creates = ALL.filter(
    (op) => op.method === 'POST' && op.raw.requestBody && generic(op) && op.operationId !== 'createProtectionGroupRun',
  );
  return creates.flatMap((create) => {
    const items = ALL.filter(
      (op) =>
        op.version === create.version &&
        op.path.startsWith(`${create.path}/{`) &&
        /^\/\{[^}/]+\}$/.test(op.path.slice(create.path.length)),
    );
    if (items.length === 0) return [];
    const find = (method: string) => items.find((op) => op.method === method);
    const list = ALL.find((op) => op.version === create.version && op.method === 'GET' && op.path === create.path);
    const update = find('PUT') ?? find('PATCH');
    const get = find('GET');
    const remove = find('DELETE');
    return [
      {
        name: `${create.version} ${create.path}`,
        create,
        ...(list ? { list } : {}),
        ...(get ? { get } : {}),
        ...(update ? { update } : {}),
        ...(remove ? { remove } : {}),
      },
    ];
  });
}

function hasStringProperty(version: Version, schema: unknown, name: string): boolean {
  if (!schema) return false;
  const resolved = resolveRef(spec, version, schema as Schema);
  const property = resolved.properties?.[name];
  if (!property) return false;
  const type = resolveRef(spec, version, property).type;
  return type === 'string' || (Array.isArray(type) && type.includes('string'));
}

const bodySchema = (op: DocumentOperation) => op.raw.requestBody?.content['application/json']?.schema;
const responseSchema = (op: DocumentOperation) =>
  Object.entries(op.raw.responses).find(([code]) => /^2/.test(code))?.[1].content?.['application/json']?.schema;

/** The item path of a created record, from the create's answer. */
function itemPath(op: DocumentOperation, createdPath: string, record: Record<string, unknown>): string {
  const param = /\{([^}]+)\}$/.exec(op.path)?.[1] ?? 'id';
  const ownName = Object.entries(record).find(([key, v]) => key.endsWith('Name') && typeof v === 'string')?.[1];
  const value = param === 'name' ? (record.name ?? ownName) : (record[param] ?? record.id ?? record.viewId);
  const parent = createdPath.split('?')[0] ?? '';
  const withoutTemplate = op.path.slice(0, op.path.lastIndexOf('/{'));
  const tail = op.path.slice(withoutTemplate.length).replace(/\{[^}]+\}/, encodeURIComponent(String(value)));
  return `${parent}${tail}`;
}

export interface Created {
  collection: CollectionOps;
  path: string;
  /** The field that names the record (`name`, `aliasName`…) and its value. */
  field: string | undefined;
  name: string | undefined;
}

let made = 0;

/** `work` for every item, a few at a time: the machine is shared, and connections time out. */
export async function inBatches<T, R>(items: readonly T[], work: (item: T) => Promise<R>, size = 8): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += size) results.push(...(await Promise.all(items.slice(i, i + size).map(work))));
  return results;
}

/** Creates one record of `collection` as admin; answers where to read it back. */
export async function createOne(t: TestServer, token: string, collection: CollectionOps): Promise<Created> {
  const admin = bearer(token);
  const requests = new WalkRequests((method, path, options = {}) =>
    t.send(method, path, { ...options, headers: { ...options.headers, ...admin } }),
  );
  const request = await requests.build(collection.create);
  // Records are named by `name`, or by their own `…Name` (a view alias by its `aliasName`).
  const version = collection.create.version;
  const properties = Object.keys(
    resolveRef(spec, version, (bodySchema(collection.create) ?? {}) as Schema).properties ?? {},
  );
  const field = properties.includes('name') ? 'name' : properties.find((p) => p.endsWith('Name'));
  const name =
    field && hasStringProperty(version, bodySchema(collection.create), field) ? `round-trip-${++made}` : undefined;
  if (field && name !== undefined) request.options.body = { ...(request.options.body as object), [field]: name };
  const response = await t.send<Record<string, unknown>>(request.method, request.path, {
    ...request.options,
    headers: { ...request.options.headers, ...admin },
  });
  if (response.status >= 300)
    throw new Error(`${collection.name}: create answered ${response.status} ${response.text}`);
  const item = collection.get ?? collection.update ?? collection.remove;
  const path = item ? itemPath(item, request.path, response.body) : request.path;
  return { collection, path, field, name };
}

/** Reads a created record back: its name when the answer has one; undefined when it matches. */
export async function readBack(t: TestServer, token: string, created: Created): Promise<string | undefined> {
  const { collection } = created;
  if (!collection.get) return undefined;
  const response = await t.send<Record<string, unknown>>('GET', created.path, { headers: bearer(token) });
  if (response.status !== 200) return `${collection.name}: read back ${response.status} ${response.text.slice(0, 200)}`;
  const { field, name } = created;
  const named = field !== undefined && hasStringProperty(collection.get.version, responseSchema(collection.get), field);
  if (named && response.body[field] !== name)
    return `${collection.name}: read back ${field} ${String(response.body[field])}`;
  return undefined;
}

/** Create → read back → list → update → read the change → delete → 404, for one collection. */
export async function roundTrip(t: TestServer, token: string, collection: CollectionOps): Promise<string[]> {
  const failures: string[] = [];
  const created = await createOne(t, token, collection);
  const problem = await readBack(t, token, created);
  if (problem) failures.push(problem);
  if (collection.list && created.name !== undefined) {
    const list = await t.send('GET', created.path.replace(/\/[^/]+$/, ''), { headers: bearer(token) });
    if (!list.text.includes(created.name)) failures.push(`${collection.name}: not listed`);
  }
  if (collection.update) {
    const version = collection.update.version;
    const field = ['description', 'name'].find(
      (f) =>
        hasStringProperty(version, bodySchema(collection.update as DocumentOperation), f) &&
        collection.get &&
        hasStringProperty(version, responseSchema(collection.get), f),
    );
    const requests = new WalkRequests(t.send);
    const base = (await requests.build(collection.update, {}, false)).options.body;
    const body = field && typeof base === 'object' ? { ...base, [field]: `changed-${++made}` } : base;
    const updated = await t.send(collection.update.method, created.path, { headers: bearer(token), body });
    if (updated.status >= 300)
      failures.push(`${collection.name}: update ${updated.status} ${updated.text.slice(0, 200)}`);
    else if (field && collection.get) {
      const after = await t.send<Record<string, unknown>>('GET', created.path, { headers: bearer(token) });
      if (after.body[field] !== (body as Record<string, unknown>)[field])
        failures.push(`${collection.name}: update lost`);
      if (field === 'name') created.name = String((body as Record<string, unknown>)[field]);
    }
  }
  if (collection.remove) {
    // The delete's own required query and body (some deletes take credentials or options).
    const request = await new WalkRequests(t.send).build(collection.remove, {}, false);
    const query = request.path.split('?')[1];
    const removed = await t.send('DELETE', `${created.path}${query ? `?${query}` : ''}`, {
      ...request.options,
      headers: { ...request.options.headers, ...bearer(token) },
    });
    if (removed.status >= 300) failures.push(`${collection.name}: delete ${removed.status}`);
    const path =
      collection.update && created.name && /\/[^/]+$/.test(created.path) && collection.remove.path.endsWith('{name}')
        ? created.path.replace(/[^/]+$/, encodeURIComponent(created.name))
        : created.path;
    if (collection.get) {
      const gone = await t.send<{ errorCode?: string }>('GET', path, { headers: bearer(token) });
      if (gone.status !== 404 || gone.body.errorCode !== 'KNotFound')
        failures.push(`${collection.name}: after delete ${gone.status}`);
    }
  }
  return failures;
}

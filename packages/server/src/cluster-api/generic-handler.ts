import { notFound } from '../errors.js';
import { RECOVERIES, recoveryAt } from './behaviours/recoveries.js';
import type { Answer, ClusterApiContext } from './cluster-api-context.js';
import type { Collection } from './collections.js';
import { withoutCredentials } from './credential-fields.js';
import { pageOfList } from './list-paging.js';
import { matchesFilters } from './record-filters.js';
import { formatId, parseId } from './record-ids.js';
import type { ValidRequest } from './request-validation.js';
import { isObject, shapeResponse } from './response-shape.js';
import { answerSettings } from './settings.js';
import { renameFields } from './shared-records.js';
import { type ApiVersion, type Operation, resolveRef, type Schema } from './spec.js';
import type { ResourceRecord } from './store/resource-store.js';

/** `version:path` with the path's parameters filled in: where records under that path are kept. */
export function storedUnder(version: ApiVersion, path: string, params: Readonly<Record<string, unknown>>): string {
  return `${version}:${path.replace(/\{([^}]+)\}/g, (_, name: string) => String(params[name]))}`;
}

/** Where a collection's records are kept: shared ones under one key, nested ones per parent. */
function storageKey(collection: Collection, params: Readonly<Record<string, unknown>>): string {
  return collection.shared ? collection.shared.key : storedUnder(collection.version, collection.path, params);
}

/** The record as `collection` shows it: its id set, in its version's field names. */
function viewOf(ctx: ClusterApiContext, collection: Collection, record: ResourceRecord): Record<string, unknown> {
  const id = formatId(ctx.cluster, collection, Number(record.id));
  const { tenantId: _claimed, ...stored } = record.document;
  const document =
    collection.shared?.key === RECOVERIES ? recoveryAt(stored, ctx.now() * 1000, collection.version) : stored;
  // The owner shows as the record's `tenantId` (v1 jobs, views), whatever a body claimed.
  const owner = record.tenantId === null ? {} : { tenantId: record.tenantId };
  const view: Record<string, unknown> = { ...document, ...owner, id };
  if (collection.itemParam !== 'id' && collection.itemParam !== 'name') view[collection.itemParam] ??= id;
  if (collection.shared?.idField) view[collection.shared.idField] = id;
  return renameFields(collection.shared, collection.version, view, 'toView');
}

export function shape(ctx: ClusterApiContext, operation: Operation, value: unknown): Answer {
  const { status, schema } = operation.success;
  if (schema === undefined) return { status };
  return { status, body: shapeResponse(ctx.spec, ctx.validators.plain, operation.version, schema, value) };
}

/** Records found by a name: `name`, the parameter's own field, or a `…Name` field (`aliasName`). */
function namedBy(document: Record<string, unknown>, param: string, wanted: unknown): boolean {
  if (document.name === wanted || document[param] === wanted) return true;
  return param === 'name' && Object.entries(document).some(([key, value]) => key.endsWith('Name') && value === wanted);
}

/** The record of `collection` that path parameter `param` names (by number, or by name): 404 if none. */
async function findRecord(
  ctx: ClusterApiContext,
  collection: Collection,
  params: Readonly<Record<string, unknown>>,
  param = collection.itemParam,
): Promise<ResourceRecord> {
  const key = storageKey(collection, params);
  const wanted = params[param];
  const n = parseId(ctx.cluster, wanted);
  const byId = n === undefined ? undefined : await ctx.resources.get(key, String(n));
  const found =
    byId ??
    (n === undefined ? (await ctx.resources.list(key)).find((r) => namedBy(r.document, param, wanted)) : undefined);
  if (!found) throw notFound(`${collection.path.split('/').pop()} ${String(wanted)}`);
  return found;
}

/**
 * 404 `KNotFound` unless every record the path names above the operation's own exists: a
 * run, a quota or a cancel under an id that is not there is refused, and stores nothing.
 */
export async function requireParents(
  ctx: ClusterApiContext,
  operation: Operation,
  params: Readonly<Record<string, unknown>>,
): Promise<void> {
  for (const { collection, param } of ctx.classified.get(operation)?.parents ?? []) {
    await findRecord(ctx, collection, params, param);
  }
}

/**
 * Where a list answer that wraps its records in an object (v2) holds them: the array property
 * (`protectionGroups`, `views`…), and one record's schema. Undefined for an array answer (v1)
 * or one without an array.
 */
function recordsField(
  ctx: ClusterApiContext,
  operation: Operation,
): { property: string; items: Schema | undefined } | undefined {
  const schema = operation.success.schema;
  if (schema === undefined) return undefined;
  const arrays = Object.entries(resolveRef(ctx.spec, operation.version, schema).properties ?? {})
    .map(([name, property]) => [name, resolveRef(ctx.spec, operation.version, property)] as const)
    .filter(([, inner]) => inner.type === 'array' || (Array.isArray(inner.type) && inner.type.includes('array')));
  const [property, inner] = arrays.find(([, array]) => array.items?.$ref) ?? arrays[0] ?? [];
  return property === undefined ? undefined : { property, items: inner?.items };
}

/** The schema of one record of a list answer that wraps them in an object (v2), if it does. */
export function listItemsSchema(ctx: ClusterApiContext, operation: Operation): Schema | undefined {
  return recordsField(ctx, operation)?.items;
}

/** The list answer: an array (v1) or an object with the records in one property (v2). */
export function listAnswer(
  ctx: ClusterApiContext,
  operation: Operation,
  views: Record<string, unknown>[],
  fields: Record<string, unknown> = {},
): Answer {
  const schema = operation.success.schema;
  if (schema === undefined) return { status: operation.success.status };
  if (resolveRef(ctx.spec, operation.version, schema).type === 'array') return shape(ctx, operation, views);
  const records = recordsField(ctx, operation);
  if (records === undefined) return shape(ctx, operation, {});
  // Each record on its own: one that does not fit must not empty the whole list.
  const { property, items } = records;
  const shaped = views.map((view) => shapeResponse(ctx.spec, ctx.validators.plain, operation.version, items, view));
  return shape(ctx, operation, { ...fields, [property]: shaped });
}

/** The fields of the operation's answer, as its document names them. */
export function answerFieldsOf(ctx: ClusterApiContext, operation: Operation): Set<string> {
  const schema = operation.success.schema;
  return new Set(
    Object.keys(schema === undefined ? {} : (resolveRef(ctx.spec, operation.version, schema).properties ?? {})),
  );
}

/** The page of `views` the request asks for, as the list answer (see `pageOfList`). */
export function pagedListAnswer(
  ctx: ClusterApiContext,
  operation: Operation,
  params: Readonly<Record<string, unknown>>,
  views: Record<string, unknown>[],
): Answer {
  const page = pageOfList(operation, answerFieldsOf(ctx, operation), params, views);
  return listAnswer(ctx, operation, page.views, page.fields);
}

export async function listViews(
  ctx: ClusterApiContext,
  collection: Collection,
  operation: Operation,
  params: Readonly<Record<string, unknown>>,
): Promise<Record<string, unknown>[]> {
  const records = await ctx.resources.list(storageKey(collection, params));
  return records.map((r) => viewOf(ctx, collection, r)).filter((view) => matchesFilters(operation, params, view));
}

/** The record an item path names, as its collection shows it (404 `KNotFound` if none). */
export async function itemView(
  ctx: ClusterApiContext,
  collection: Collection,
  params: Readonly<Record<string, unknown>>,
): Promise<Record<string, unknown>> {
  return viewOf(ctx, collection, await findRecord(ctx, collection, params));
}

/** Create, list, get, update and delete for every collection; the response schema for the rest. */
export async function answerGenerically(
  ctx: ClusterApiContext,
  operation: Operation,
  request: ValidRequest,
): Promise<Answer> {
  const { kind, collection } = ctx.classified.get(operation) ?? { kind: 'static', collection: undefined };
  if (kind === 'static') return shape(ctx, operation, {});
  const written = withoutCredentials(request.body);
  if (kind === 'settings') return answerSettings(ctx, operation, { ...request, body: written });
  if (collection === undefined) return shape(ctx, operation, {});
  const { params } = request;
  const body = isObject(written) ? renameFields(collection.shared, collection.version, written, 'toStored') : {};
  const key = storageKey(collection, params);
  switch (kind) {
    case 'create': {
      const n = await ctx.resources.nextNumber(collection.shared?.key ?? `${collection.version}:${collection.path}`);
      const { id: _ignored, ...document } = body;
      const record = { id: String(n), document, tenantId: ctx.resources.owner };
      await ctx.resources.put(key, record.id, n, record.document);
      return shape(ctx, operation, viewOf(ctx, collection, record));
    }
    case 'list':
      return pagedListAnswer(ctx, operation, params, await listViews(ctx, collection, operation, params));
    case 'get':
      return shape(ctx, operation, await itemView(ctx, collection, params));
    case 'update': {
      const found = await findRecord(ctx, collection, params);
      const { id: _ignored, ...changes } = body;
      const record = { ...found, document: { ...found.document, ...changes } };
      await ctx.resources.put(key, record.id, Number(record.id), record.document);
      return shape(ctx, operation, viewOf(ctx, collection, record));
    }
    case 'delete': {
      const found = await findRecord(ctx, collection, params);
      await ctx.resources.delete(key, found.id);
      return shape(ctx, operation, {});
    }
  }
}

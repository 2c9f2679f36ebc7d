// The rules that turn the documents' names into the SDK's: one place, for the generator.

/**
 * A tag in lower camelCase: the leading capitals are lowered, but the last of several stays
 * up when it starts a word (`ProtectionGroup` → `protectionGroup`, `LDAP` → `ldap`,
 * `IPs` → `ips`, `KMSConfig` → `kmsConfig`).
 */
export function groupName(tag) {
  const [, capitals = '', rest = ''] = /^([A-Z]*)(.*)$/.exec(tag) ?? [];
  if (capitals.length <= 1 || !/^[a-z]{2}/.test(rest)) return capitals.toLowerCase() + rest;
  return capitals.slice(0, -1).toLowerCase() + capitals.slice(-1) + rest;
}

/** `ProtectionGroup` → `protection_group`, `LDAP` → `ldap`, `getIPs` → `get_ips`. */
export function snakeCase(name) {
  return name
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase();
}

/** The Python SDK's method name for an operationId (the documents camelCased it). */
export const pythonName = (operationId) => snakeCase(operationId);

const CURSORS = ['paginationCookie', 'cookie'];
const SIZES = ['maxResultCount', 'maxCount', 'pageCount', 'pageSize', 'count', 'numRuns'];

function resolve(schema, document) {
  if (!schema) return undefined;
  if (schema.$ref) return resolve(document.components.schemas[schema.$ref.split('/').pop()], document);
  const ref = schema.anyOf?.find((s) => s.$ref || s.type === 'array' || s.type === 'object');
  return ref ? resolve(ref, document) : schema;
}

const isArray = (schema) => schema?.type === 'array' || (Array.isArray(schema?.type) && schema.type.includes('array'));

/**
 * The answer's fields that hold a page's items: its only array, or else its arrays of
 * records (objects, not strings: a run's `errors` beside its `fileNames`). Where several
 * arrays of records remain (v1 `viewUserQuotas` fills `usersQuotaAndUsage` for a view and
 * `quotaAndUsageInAllViews` for a user), the page is all of them.
 */
function itemFields(properties, document) {
  const arrays = Object.keys(properties).filter((name) => isArray(resolve(properties[name], document)));
  if (arrays.length <= 1) return arrays;
  return arrays.filter((name) => resolve(resolve(properties[name], document).items, document)?.type === 'object');
}

/**
 * Where an answer holds the cookie of the next page: a field of the cursor's own name, or
 * `paginationInfo.cookie` (v2 protected objects and their runs).
 */
function cookieAt(cursor, properties, document) {
  if (cursor in properties) return cursor;
  const info = resolve(properties.paginationInfo, document);
  return info?.properties?.cookie ? 'paginationInfo.cookie' : undefined;
}

/** The path of an item's entity id: its own `id`, or that of the one object it holds with one. */
function entityIdOf(item, document) {
  if (item?.properties?.id) return 'id';
  const holders = Object.keys(item?.properties ?? {}).filter(
    (name) => resolve(item.properties[name], document)?.properties?.id,
  );
  return holders.length === 1 ? `${holders[0]}.id` : undefined;
}

/**
 * How a list operation pages, read from its parameters and its answer's schema:
 * `[style, cursor parameter, page-size parameter, items fields ('+'-joined), from]`, or
 * undefined for an operation that does not page (or whose items cannot be told apart).
 * `from` is where the next cursor is read, as a dotted path.
 * - `cookie`: send back the answer's cookie (at `from`, else the cursor's own name) until it is absent.
 * - `index`: `startIndex` advances by the items received, until a short page.
 * - `maxViewId`: the last item's `viewId` until the answer says `lastResult`.
 * - `after`: `afterCursorEntityId` is the last item's entity id (at `from`), until a short page.
 * - `page`: `page` counts up from 1 with `pageSize` items a page, until a short page.
 */
export function paging(operation, document) {
  const query = new Set((operation.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name));
  const success = Object.entries(operation.responses).find(([status]) => /^2/.test(status))?.[1];
  const answer = resolve(success?.content?.['application/json']?.schema, document);
  if (!answer) return undefined;
  const properties = answer.properties ?? {};
  const fields = isArray(answer) ? [''] : itemFields(properties, document);
  if (fields.length === 0) return undefined;
  const items = fields.join('+');
  const item = resolve(isArray(answer) ? answer.items : resolve(properties[fields[0]], document)?.items, document);
  const size = SIZES.find((name) => query.has(name)) ?? '';
  const cursor = CURSORS.find((name) => query.has(name) && cookieAt(name, properties, document));
  if (cursor) {
    const at = cookieAt(cursor, properties, document);
    return ['cookie', cursor, size, items, ...(at === cursor ? [] : [at])];
  }
  if (query.has('maxViewId') && 'lastResult' in properties) {
    return item?.properties?.viewId ? ['maxViewId', 'maxViewId', size, items, 'viewId'] : undefined;
  }
  if (query.has('afterCursorEntityId') && size) {
    const from = entityIdOf(item, document);
    return from ? ['after', 'afterCursorEntityId', size, items, from] : undefined;
  }
  if (query.has('startIndex') && size) return ['index', 'startIndex', size, items];
  if (query.has('page') && size) return ['page', 'page', size, items];
  return undefined;
}

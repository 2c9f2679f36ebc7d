import { type SharedCollection, sharedCollectionAt } from './shared-records.js';
import type { ApiVersion, Operation } from './spec.js';

/**
 * What the generic handler does for an operation. `settings` are a path's GET and PUT (or
 * PATCH, DELETE) where the path has no create: one stored document, read and replaced.
 */
export type OperationKind = 'create' | 'list' | 'get' | 'update' | 'delete' | 'settings' | 'static';

/** A collection of records: where it lives in the document and how its ids look. */
export interface Collection {
  readonly version: ApiVersion;
  /** The document's path of the collection, e.g. `/data-protect/protection-groups`. */
  readonly path: string;
  readonly shared: SharedCollection | undefined;
  /** The item path's last parameter (`id`, `name`, `runId`…). */
  readonly itemParam: string;
  /** v2 string ids are `clusterId:incarnationId:n`; integer ids are `n`. */
  readonly idType: 'integer' | 'string';
  /**
   * Whether its records are in the resource store: shared ones are; others when their create
   * is answered by the generic handler (hand-written creates and runs keep theirs elsewhere).
   */
  readonly stored: boolean;
}

/** A path parameter that names a record of a collection above it (`/protection-groups/{id}/runs`). */
export interface ParentRecord {
  readonly collection: Collection;
  readonly param: string;
}

export interface ClassifiedOperation {
  readonly kind: OperationKind;
  readonly collection: Collection | undefined;
  /** The records the path names above the operation's own: each must exist (404 otherwise). */
  readonly parents: readonly ParentRecord[];
}

const LAST_PARAM = /^(.*)\/\{([^}]+)\}$/;

/**
 * Finds every collection of both documents: a path with a POST (create) and an item path
 * under it (`…/{id}`), plus the shared lists the demo cluster fills (nodes, alerts).
 * Everything else is answered from its response schema.
 */
export function classifyOperations(
  operations: readonly Operation[],
  answeredGenerically: (op: Operation) => boolean,
): Map<Operation, ClassifiedOperation> {
  const byPath = new Map<string, Operation[]>();
  for (const op of operations) {
    const key = `${op.version} ${op.path}`;
    byPath.set(key, [...(byPath.get(key) ?? []), op]);
  }
  const collections = new Map<string, Collection>();
  for (const op of operations) {
    const match = LAST_PARAM.exec(op.path);
    if (!match?.[1] || !match[2]) continue;
    const parent = `${op.version} ${match[1]}`;
    const siblings = byPath.get(parent) ?? [];
    const shared = sharedCollectionAt(op.version, match[1]);
    if (!shared && !siblings.some((s) => s.method === 'POST')) continue;
    const param = op.parameters.find((p) => p.in === 'path' && p.name === match[2]);
    const known = collections.get(parent);
    // Where the item operations disagree on the id's type, integers (digits pass as strings too).
    const idType =
      shared?.idTypes[op.version] ??
      (param?.schema?.type === 'integer' || known?.idType === 'integer' ? 'integer' : 'string');
    const itemParam = known !== undefined && op.method !== 'GET' ? known.itemParam : match[2];
    const create = siblings.find((s) => s.method === 'POST');
    const stored = shared !== undefined || (create !== undefined && answeredGenerically(create));
    collections.set(parent, { version: op.version, path: match[1], shared, itemParam, idType, stored });
  }
  for (const op of operations) {
    const shared = sharedCollectionAt(op.version, op.path);
    const key = `${op.version} ${op.path}`;
    if (shared && !collections.has(key)) {
      collections.set(key, {
        version: op.version,
        path: op.path,
        shared,
        itemParam: 'id',
        idType: shared.idTypes[op.version],
        stored: true,
      });
    }
  }

  const result = new Map<Operation, ClassifiedOperation>();
  for (const op of operations) {
    const own = collections.get(`${op.version} ${op.path}`);
    const match = LAST_PARAM.exec(op.path);
    const parent = match?.[1] === undefined ? undefined : collections.get(`${op.version} ${match[1]}`);
    const item = ({ GET: 'get', PUT: 'update', PATCH: 'update', DELETE: 'delete' } as const)[op.method as 'GET'];
    const isItem = parent !== undefined && parent.itemParam === match?.[2] && item !== undefined;
    const [kind, collection]: [OperationKind, Collection | undefined] =
      own && op.method === 'POST' && op.body !== undefined
        ? ['create', own]
        : own && op.method === 'GET'
          ? ['list', own]
          : isItem
            ? [item, parent]
            : [
                isSettings(byPath.get(`${op.version} ${op.path}`) ?? [], answeredGenerically) ? 'settings' : 'static',
                undefined,
              ];
    result.set(op, { kind, collection, parents: parentsOf(op, collections, isItem ? collection : undefined) });
  }
  return result;
}

/**
 * A path with a GET and a PUT or PATCH but no POST: a document of settings, not a collection.
 * Only where the generic handler answers its GET: a hand-written one (`/public/cluster`) or
 * one with a behaviour (`/public/protectionRuns`) would never show what a PUT keeps.
 */
function isSettings(siblings: readonly Operation[], answeredGenerically: (op: Operation) => boolean): boolean {
  const methods = new Set(siblings.map((s) => s.method));
  const reader = siblings.find((s) => s.method === 'GET');
  return (
    reader !== undefined &&
    answeredGenerically(reader) &&
    (methods.has('PUT') || methods.has('PATCH')) &&
    !methods.has('POST')
  );
}

/**
 * The records `op`'s path names above its own: each `{param}` right under a collection's path
 * (`/protection-groups/{id}/runs`), or under literal segments below it (v1's
 * `/protectionJobs/run/{id}`, `/views/id/{id}`). An item operation's own record (`own`) is
 * found by the operation itself.
 */
function parentsOf(op: Operation, collections: ReadonlyMap<string, Collection>, own: Collection | undefined) {
  const parents: ParentRecord[] = [];
  const segments = op.path.split('/');
  for (let i = 0; i < segments.length; i++) {
    const param = /^\{([^}]+)\}$/.exec(segments[i] ?? '')?.[1];
    if (param === undefined) continue;
    let above = segments.slice(0, i).join('/');
    let collection = collections.get(`${op.version} ${above}`);
    while (collection === undefined && /\/[^/{]+$/.test(above)) {
      above = above.replace(/\/[^/{]+$/, '');
      collection = collections.get(`${op.version} ${above}`);
    }
    if (!collection?.stored || (collection === own && i === segments.length - 1)) continue;
    parents.push({ collection, param });
  }
  return parents;
}

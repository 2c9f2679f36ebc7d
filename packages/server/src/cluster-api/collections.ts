import { type SharedCollection, sharedCollectionAt } from './shared-records.js';
import type { ApiVersion, Operation } from './spec.js';

/** What the generic handler does for an operation. */
export type OperationKind = 'create' | 'list' | 'get' | 'update' | 'delete' | 'static';

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
}

export interface ClassifiedOperation {
  readonly kind: OperationKind;
  readonly collection: Collection | undefined;
}

const LAST_PARAM = /^(.*)\/\{([^}]+)\}$/;

/**
 * Finds every collection of both documents: a path with a POST (create) and an item path
 * under it (`…/{id}`), plus the shared lists the demo cluster fills (nodes, alerts).
 * Everything else is answered from its response schema.
 */
export function classifyOperations(operations: readonly Operation[]): Map<Operation, ClassifiedOperation> {
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
    collections.set(parent, { version: op.version, path: match[1], shared, itemParam, idType });
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
      });
    }
  }

  const result = new Map<Operation, ClassifiedOperation>();
  for (const op of operations) {
    const own = collections.get(`${op.version} ${op.path}`);
    const match = LAST_PARAM.exec(op.path);
    const parent = match?.[1] === undefined ? undefined : collections.get(`${op.version} ${match[1]}`);
    let classified: ClassifiedOperation = { kind: 'static', collection: undefined };
    if (own && op.method === 'POST' && op.body !== undefined) classified = { kind: 'create', collection: own };
    else if (own && op.method === 'GET') classified = { kind: 'list', collection: own };
    else if (parent && parent.itemParam === match?.[2]) {
      const kind = ({ GET: 'get', PUT: 'update', PATCH: 'update', DELETE: 'delete' } as const)[op.method as 'GET'];
      if (kind) classified = { kind, collection: parent };
    }
    result.set(op, classified);
  }
  return result;
}

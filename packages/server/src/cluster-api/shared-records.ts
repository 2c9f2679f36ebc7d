import type { ApiVersion } from './spec.js';

/**
 * Records that v1 and v2 both show: one record, two views (v1 protection jobs are v2
 * protection groups, view boxes are storage domains…). Documents are kept in v2's field
 * names; `v1Names` renames v2 → v1 on the way out (and back on the way in).
 */
export interface SharedCollection {
  readonly key: string;
  readonly paths: Partial<Record<ApiVersion, string>>;
  /** Other paths of the same records (v1 makes restore tasks at `/restore/recover` and `/restore/clone`). */
  readonly alsoAt?: Partial<Record<ApiVersion, readonly string[]>>;
  /** How each version shows the id (`n`, or `clusterId:incarnationId:n`): v1 jobs are integers, v2 groups strings. */
  readonly idTypes: Readonly<Record<ApiVersion, 'integer' | 'string'>>;
  readonly v1Names?: Readonly<Record<string, string>>;
  /** The records' own name for the id, shown beside `id` in both versions (views have `viewId`). */
  readonly idField?: string;
}

const INTEGERS = { v1: 'integer', v2: 'integer' } as const;
const STRINGS = { v1: 'string', v2: 'string' } as const;

export const SHARED_COLLECTIONS: readonly SharedCollection[] = [
  {
    key: 'protection-groups',
    paths: { v2: '/data-protect/protection-groups', v1: '/public/protectionJobs' },
    idTypes: { v2: 'string', v1: 'integer' },
    v1Names: { storageDomainId: 'viewBoxId' },
  },
  { key: 'policies', paths: { v2: '/data-protect/policies', v1: '/public/protectionPolicies' }, idTypes: STRINGS },
  { key: 'storage-domains', paths: { v2: '/storage-domains', v1: '/public/viewBoxes' }, idTypes: INTEGERS },
  {
    key: 'views',
    paths: { v2: '/file-services/views', v1: '/public/views' },
    idTypes: INTEGERS,
    v1Names: { storageDomainId: 'viewBoxId', storageDomainName: 'viewBoxName' },
    idField: 'viewId',
  },
  { key: 'alerts', paths: { v2: '/alerts', v1: '/public/alerts' }, idTypes: STRINGS },
  { key: 'nodes', paths: { v1: '/public/nodes' }, idTypes: INTEGERS },
  // A v1 restore task is a v2 recovery: v2 shows `clusterId:incarnationId:n` where v1 shows `n`.
  {
    key: 'recoveries',
    paths: { v2: '/data-protect/recoveries', v1: '/public/restore/tasks' },
    alsoAt: { v1: ['/public/restore/recover', '/public/restore/clone'] },
    idTypes: { v2: 'string', v1: 'integer' },
  },
];

export function sharedCollectionAt(version: ApiVersion, path: string): SharedCollection | undefined {
  return SHARED_COLLECTIONS.find(
    (shared) => shared.paths[version] === path || shared.alsoAt?.[version]?.includes(path),
  );
}

/** A document in `version`'s field names, from the stored (v2) names, or back with `toStored`. */
export function renameFields(
  shared: SharedCollection | undefined,
  version: ApiVersion,
  document: Record<string, unknown>,
  direction: 'toView' | 'toStored',
): Record<string, unknown> {
  const names = version === 'v1' ? shared?.v1Names : undefined;
  if (!names) return document;
  const result: Record<string, unknown> = { ...document };
  for (const [stored, viewed] of Object.entries(names)) {
    const [from, to] = direction === 'toView' ? [stored, viewed] : [viewed, stored];
    if (from in result) {
      result[to] = result[from];
      delete result[from];
    }
  }
  return result;
}

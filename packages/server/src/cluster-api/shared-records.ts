import type { ApiVersion } from './spec.js';

/**
 * Records that v1 and v2 both show: one record, two views (v1 protection jobs are v2
 * protection groups, view boxes are storage domains…). Documents are kept in v2's field
 * names; `v1Names` renames v2 → v1 on the way out (and back on the way in).
 */
export interface SharedCollection {
  readonly key: string;
  readonly paths: Partial<Record<ApiVersion, string>>;
  readonly v1Names?: Readonly<Record<string, string>>;
}

export const SHARED_COLLECTIONS: readonly SharedCollection[] = [
  {
    key: 'protection-groups',
    paths: { v2: '/data-protect/protection-groups', v1: '/public/protectionJobs' },
    v1Names: { storageDomainId: 'viewBoxId' },
  },
  { key: 'policies', paths: { v2: '/data-protect/policies', v1: '/public/protectionPolicies' } },
  { key: 'storage-domains', paths: { v2: '/storage-domains', v1: '/public/viewBoxes' } },
  {
    key: 'views',
    paths: { v2: '/file-services/views', v1: '/public/views' },
    v1Names: { storageDomainId: 'viewBoxId', storageDomainName: 'viewBoxName' },
  },
  { key: 'alerts', paths: { v2: '/alerts', v1: '/public/alerts' } },
  { key: 'nodes', paths: { v1: '/public/nodes' } },
  { key: 'recoveries', paths: { v2: '/data-protect/recoveries' } },
];

export function sharedCollectionAt(version: ApiVersion, path: string): SharedCollection | undefined {
  return SHARED_COLLECTIONS.find((shared) => shared.paths[version] === path);
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

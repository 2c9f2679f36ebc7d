import type { ClusterIdentity } from '../store/store.js';
import type { Collection } from './collections.js';

const TRIPLET = /^(\d+):(\d+):(\d+)$/;

/** A record's id as `collection`'s version shows it (`clusterId:incarnationId:n` in v2). */
export function formatId(cluster: ClusterIdentity, collection: Collection, n: number): number | string {
  if (collection.idType === 'integer') return n;
  return collection.version === 'v2' ? `${cluster.id}:${cluster.incarnationId}:${n}` : String(n);
}

/** The record number an id names, or undefined when it is no number of this cluster. */
export function parseId(cluster: ClusterIdentity, value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value > 0 ? value : undefined;
  const text = String(value);
  const triplet = TRIPLET.exec(text);
  if (triplet) {
    return Number(triplet[1]) === cluster.id && Number(triplet[2]) === cluster.incarnationId
      ? Number(triplet[3])
      : undefined;
  }
  return /^[1-9]\d{0,15}$/.test(text) ? Number(text) : undefined;
}

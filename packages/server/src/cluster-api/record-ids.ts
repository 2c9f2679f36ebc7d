import type { ClusterIdentity } from '../store/store.js';
import type { Collection } from './collections.js';

const TRIPLET = /^(\d+):(\d+):(\d+)$/;

/** A record's id as its collection shows it: `n`, or `clusterId:incarnationId:n` where ids are strings. */
export function formatId(cluster: ClusterIdentity, collection: Pick<Collection, 'idType'>, n: number): number | string {
  return collection.idType === 'integer' ? n : `${cluster.id}:${cluster.incarnationId}:${n}`;
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

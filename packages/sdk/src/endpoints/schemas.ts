import type { components as V1Components } from '../generated/cluster-v1.js';
import type { components as V2Components } from '../generated/cluster-v2.js';

/**
 * A schema of the v2 document by name.
 * @example
 * const group: V2Schema<'ProtectionGroup'> = await client.protectionGroup.getProtectionGroupById({ id });
 */
export type V2Schema<Name extends keyof V2Components['schemas']> = V2Components['schemas'][Name];

/** A schema of the v1 document by name. @example type Job = V1Schema<'ProtectionJob'>; */
export type V1Schema<Name extends keyof V1Components['schemas']> = V1Components['schemas'][Name];

import { type TSchema, Type } from 'typebox';

/** A field the cluster may send as `null` as well as its type. */
export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

/**
 * Epoch milliseconds, as every `*TimeMsecs` field on the wire: at most the last instant a
 * `Date` holds (year 275760). Beyond it is no time, and would not fit a 64-bit column.
 */
export const TimeMsecs = Type.Integer({ minimum: 0, maximum: 8_640_000_000_000_000 });

import { type TSchema, Type } from 'typebox';

/** A field the cluster may send as `null` as well as its type. */
export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

/** Epoch milliseconds, as every `*TimeMsecs` field on the wire. */
export const TimeMsecs = Type.Integer({ minimum: 0 });

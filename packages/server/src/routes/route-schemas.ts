import { ErrorSchema } from 'cohesity-sdk/models';
import { Type } from 'typebox';

/** Every 4xx answer is the contract's Error; spread into a route's `response`. */
export const errorResponses = { '4xx': ErrorSchema };

/** A user SID in a path (`S-1-100-21-…`); bounded so a path cannot carry a megabyte. */
export const SidParam = Type.String({ minLength: 1, maxLength: 255 });

/** An API key id in a path. */
export const ApiKeyIdParam = Type.String({ minLength: 1, maxLength: 64 });

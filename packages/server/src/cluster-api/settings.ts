import type { Answer, ClusterApiContext } from './cluster-api-context.js';
import { shape, storedUnder } from './generic-handler.js';
import type { ValidRequest } from './request-validation.js';
import { isObject } from './response-shape.js';
import { type Operation, resolveRef, type Schema } from './spec.js';

// One document per settings path (and per path parameter: `/kerberos-providers/{id}`).
const SETTINGS_ID = '1';

const readers = new WeakMap<Operation, Operation>();

/** The GET of a settings path (classified so only where the generic handler answers it). */
function readerOf(ctx: ClusterApiContext, operation: Operation): Operation {
  let reader = readers.get(operation);
  if (reader === undefined) {
    reader = ctx.spec.operations.find(
      (op) => op.version === operation.version && op.path === operation.path && op.method === 'GET',
    );
    if (reader === undefined) throw new Error(`${operation.path} is no settings path`);
    readers.set(operation, reader);
  }
  return reader;
}

/** The property names a schema declares, its `allOf` parts' too. */
function declaredProperties(ctx: ClusterApiContext, reader: Operation, schema: Schema | undefined): Set<string> {
  if (schema === undefined) return new Set();
  const resolved = resolveRef(ctx.spec, reader.version, schema);
  const parts = (resolved.allOf ?? []).map((part) => declaredProperties(ctx, reader, part));
  return new Set([...Object.keys(resolved.properties ?? {}), ...parts.flatMap((part) => [...part])]);
}

/**
 * What is kept of a written body: the fields its GET shows; the whole body where the GET
 * declares no fields. (No credential reaches here: see credential-fields.ts.)
 */
function keptOf(ctx: ClusterApiContext, reader: Operation, body: Record<string, unknown>): Record<string, unknown> {
  const shown = declaredProperties(ctx, reader, reader.success.schema);
  if (shown.size === 0) return body;
  return Object.fromEntries(Object.entries(body).filter(([key]) => shown.has(key)));
}

/**
 * A settings path (a GET and a PUT or PATCH, no create): PUT replaces the stored document,
 * PATCH changes some of its fields, DELETE goes back to the default, and GET answers what is
 * stored over the default (the response schema's smallest value). Stored like every record:
 * shared by every node, kept across restarts.
 */
export async function answerSettings(
  ctx: ClusterApiContext,
  operation: Operation,
  request: ValidRequest,
): Promise<Answer> {
  const reader = readerOf(ctx, operation);
  const key = `settings:${storedUnder(operation.version, operation.path, request.params)}`;
  const stored = (await ctx.resources.get(key, SETTINGS_ID))?.document ?? {};
  const body = isObject(request.body) ? keptOf(ctx, reader, request.body) : {};
  switch (operation.method) {
    case 'GET':
      return shape(ctx, operation, stored);
    case 'DELETE':
      await ctx.resources.delete(key, SETTINGS_ID);
      return shape(ctx, operation, {});
    default: {
      const document = operation.method === 'PATCH' ? { ...stored, ...body } : body;
      await ctx.resources.put(key, SETTINGS_ID, 1, document);
      return shape(ctx, operation, document);
    }
  }
}

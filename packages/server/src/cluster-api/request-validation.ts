import type { ErrorObject } from 'ajv';
import { invalidRequest, missingParameters } from '../errors.js';
import { toError } from '../http/validation.js';
import type { SchemaValidators } from './schema-validators.js';
import type { Operation, Schema } from './spec.js';

/** A request's parts after validation: path and query typed as the document says. */
export interface ValidRequest {
  readonly params: Record<string, unknown>;
  readonly body: unknown;
}

type Raw = Record<string, unknown>;

// Deeper than any document's schema goes; deeper bodies would only exhaust the stack.
const MAX_BODY_DEPTH = 64;

/**
 * What no schema can say of a body: nesting past `limit`, or a NUL character (PostgreSQL
 * cannot store one in JSONB, and SQLite would: the stores must not answer differently).
 * Walked without recursion.
 */
function bodyProblem(value: unknown, limit: number): string | undefined {
  const pending: [unknown, number][] = [[value, 0]];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [current, depth] = next;
    if (typeof current === 'string' && current.includes('\u0000')) return 'holds a NUL character';
    if (current === null || typeof current !== 'object') continue;
    if (depth >= limit) return 'is nested too deeply';
    for (const [key, inner] of Object.entries(current)) pending.push([key, depth + 1], [inner, depth + 1]);
  }
  return undefined;
}

/** `null` means "not set" to the v1 SDK, which sends it for every field it leaves unset. */
export function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (value === null || typeof value !== 'object') return value;
  const result: Raw = {};
  for (const [key, inner] of Object.entries(value)) if (inner !== null) result[key] = withoutNulls(inner);
  return result;
}

const parameterSchemas = new WeakMap<Operation, Schema>();

/** The query and path parameters as one object schema (their names never collide), made once. */
export function parameterSchema(operation: Operation): Schema {
  let schema = parameterSchemas.get(operation);
  if (schema === undefined) {
    const parameters = operation.parameters.filter((p) => p.in !== 'header');
    schema = {
      type: 'object',
      properties: Object.fromEntries(parameters.map((p) => [p.name, p.schema ?? {}])),
      required: parameters.filter((p) => p.required).map((p) => p.name),
    };
    parameterSchemas.set(operation, schema);
  }
  return schema;
}

/** Text as the SDKs send it: csv for arrays, Python's `True`/`False` for booleans. */
function normalise(operation: Operation, raw: Raw): Raw {
  const result: Raw = { ...raw };
  for (const parameter of operation.parameters) {
    const value = result[parameter.name];
    if (value === undefined) continue;
    const type = parameter.schema?.type;
    if (type === 'array') {
      const texts = [value].flat().flatMap((v) => String(v).split(','));
      const booleanItems = parameter.schema?.items?.type === 'boolean';
      result[parameter.name] = texts.filter(Boolean).map((v) => (booleanItems ? v.toLowerCase() : v));
    } else if (Array.isArray(value)) {
      result[parameter.name] = value[value.length - 1];
    } else if (type === 'boolean' && typeof value === 'string') {
      result[parameter.name] = value.toLowerCase();
    }
  }
  return result;
}

function fail(error: ErrorObject, part: string): never {
  throw invalidRequest(toError([error], part).message);
}

/**
 * Checks path, query, required headers and body against the operation, as a cluster
 * does: unknown keys and `null` for optional fields pass; a wrong type or a missing
 * required field is 400 `KValidationError` naming the field.
 */
export function validateRequest(
  operation: Operation,
  validators: { readonly text: SchemaValidators; readonly plain: SchemaValidators },
  request: { params: unknown; query: unknown; body: unknown; headers: Record<string, unknown> },
): ValidRequest {
  for (const header of operation.parameters) {
    if (header.in === 'header' && header.required && request.headers[header.name.toLowerCase()] === undefined) {
      throw missingParameters(`header ${header.name}`);
    }
  }
  const params = normalise(operation, { ...(request.query as Raw), ...(request.params as Raw) });
  if (bodyProblem(params, MAX_BODY_DEPTH)) throw invalidRequest('A parameter holds a NUL character');
  const paramError = validators.text.check(operation.version, parameterSchema(operation))(params);
  if (paramError) {
    const name = paramError.instancePath.split('/')[1] ?? String(paramError.params.missingProperty ?? '');
    const where = operation.parameters.find((p) => p.name === name)?.in === 'path' ? 'params' : 'querystring';
    fail(paramError, where);
  }
  const spec = operation.body;
  if (spec === undefined || spec.multipart) return { params, body: request.body };
  if (request.body === undefined || request.body === null) {
    if (spec.required) throw missingParameters('the request body');
    return { params, body: undefined };
  }
  const problem = bodyProblem(request.body, MAX_BODY_DEPTH);
  if (problem) throw invalidRequest(`The request body ${problem}`);
  const body = withoutNulls(request.body);
  const bodyError = validators.plain.check(operation.version, spec.schema)(body);
  if (bodyError) fail(bodyError, 'body');
  return { params, body };
}

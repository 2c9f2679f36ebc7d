import type { SchemaValidators } from './schema-validators.js';
import { type ApiVersion, type ClusterApiSpec, resolveRef, type Schema } from './spec.js';
import { synthesize } from './synthesize.js';

const MAX_REPAIRS = 64;

/**
 * `value` made to fit `schema`: the smallest valid answer, overlaid with what was stored,
 * minus any stored field the response schema types otherwise (a request's field and a
 * response's field of the same name do not always agree in the documents).
 */
export function shapeResponse(
  spec: ClusterApiSpec,
  validators: SchemaValidators,
  version: ApiVersion,
  schema: Schema | undefined,
  value: unknown,
): unknown {
  if (schema === undefined) return value;
  const resolved = resolveRef(spec, version, schema);
  if (Array.isArray(value) && resolved.items) {
    return value.map((item) => shapeResponse(spec, validators, version, resolved.items, item));
  }
  const base = synthesize(spec, version, schema);
  if (!isObject(value) || !isObject(base)) return base;
  const check = validators.check(version, schema);
  const shaped: Record<string, unknown> = { ...base, ...value };
  for (let repair = 0; repair < MAX_REPAIRS; repair++) {
    const error = check(shaped);
    if (error === undefined) return shaped;
    const key = decodeURIComponent(error.instancePath.split('/')[1] ?? '')
      .replaceAll('~1', '/')
      .replaceAll('~0', '~');
    if (key === '' || !(key in shaped)) return base;
    if (key in base && shaped[key] !== base[key]) shaped[key] = base[key];
    else delete shaped[key];
  }
  return base;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

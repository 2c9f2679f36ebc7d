import { type ApiVersion, type ClusterApiSpec, resolveRef, type Schema } from './spec.js';

/** Values for the few patterns the documents use (all anchored, contract-like ids). */
const PATTERN_EXAMPLES: ReadonlyArray<readonly [string, string]> = [
  ['^\\d+:\\d+:\\d+$', '1:1:1'],
  ['^\\d+:\\d+$', '1:1'],
  ['^\\d+:\\d+:[A-Z0-9-]+$', '1:1:A'],
  ['^\\S+@\\S+.\\S+$', 'admin@example.com'],
  ['^([a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9\\-]{0,13}[a-zA-Z0-9])$', 'cohesity'],
];

const MAX_DEPTH = 10;

function typeOf(schema: Schema): string | undefined {
  const types = [schema.type ?? []].flat().filter((t) => t !== 'null');
  return types[0];
}

/**
 * The smallest value that `schema` accepts: required properties only, first enum value,
 * lowest number, empty list. What the server answers where it keeps no record.
 */
export function synthesize(spec: ClusterApiSpec, version: ApiVersion, schema: Schema | undefined, depth = 0): unknown {
  if (schema === undefined) return {};
  const resolved = resolveRef(spec, version, schema);
  if (resolved.const !== undefined) return resolved.const;
  if (resolved.enum?.length) return resolved.enum.find((value) => value !== null) ?? null;
  const choice = (resolved.anyOf ?? resolved.oneOf)?.find((s) => typeOf(resolveRef(spec, version, s)) !== undefined);
  if (choice) return synthesize(spec, version, choice, depth);
  if (resolved.allOf?.length) {
    return Object.assign({}, ...resolved.allOf.map((part) => synthesize(spec, version, part, depth)));
  }
  if (depth > MAX_DEPTH) return typeOf(resolved) === 'array' ? [] : typeOf(resolved) === 'object' ? {} : null;
  switch (typeOf(resolved) ?? (resolved.properties ? 'object' : undefined)) {
    case 'object': {
      const result: Record<string, unknown> = {};
      for (const name of resolved.required ?? []) {
        result[name] = synthesize(spec, version, resolved.properties?.[name], depth + 1);
      }
      return result;
    }
    case 'array':
      return Array.from({ length: resolved.minItems ?? 0 }, () => synthesize(spec, version, resolved.items, depth + 1));
    case 'string':
      if (resolved.pattern) return PATTERN_EXAMPLES.find(([p]) => p === resolved.pattern)?.[1] ?? 'example.local';
      if (typeof resolved.default === 'string') return resolved.default;
      return resolved.format === 'binary' ? '' : 'x'.repeat(Math.max(resolved.minLength ?? 0, 1));
    case 'integer':
    case 'number':
      return typeof resolved.default === 'number' ? resolved.default : (resolved.minimum ?? 0);
    case 'boolean':
      return typeof resolved.default === 'boolean' ? resolved.default : false;
    default:
      return {};
  }
}

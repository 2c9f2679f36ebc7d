import { usageError } from './errors.js';

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function parseValue(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * `['sessionConfiguration.limitSessions=true', 'authTokenTimeoutMinutes=60']` →
 * `{ sessionConfiguration: { limitSessions: true }, authTokenTimeoutMinutes: 60 }`.
 * Values are JSON when they parse as JSON, strings otherwise.
 */
export function parseAssignments(assignments: readonly string[]): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const assignment of assignments) {
    const equals = assignment.indexOf('=');
    const path = equals > 0 ? assignment.slice(0, equals).split('.') : [];
    if (path.length === 0 || path.some((key) => key === '' || FORBIDDEN_KEYS.has(key))) {
      throw usageError(
        'config set',
        `'${assignment}' is not KEY=VALUE`,
        'e.g. sessionConfiguration.limitSessions=true',
      );
    }
    let target = result;
    for (const key of path.slice(0, -1)) {
      const next = target[key];
      if (next !== undefined && (typeof next !== 'object' || next === null)) {
        throw usageError('config set', `'${assignment}' sets a key inside a value`);
      }
      target[key] ??= {};
      target = target[key] as Record<string, unknown>;
    }
    target[path[path.length - 1] as string] = parseValue(assignment.slice(equals + 1));
  }
  return result;
}

import type { FastifyInstance } from 'fastify';
import { invalidRequest } from '../errors.js';

// NUL ends a C string (PostgreSQL refuses it in text); a lone UTF-16 surrogate has no
// UTF-8 form (PostgreSQL refuses it, SQLite would keep a replacement character instead).
const UNSTORABLE = /[\0\p{Cs}]/u;
const storable = (text: string) => !UNSTORABLE.test(text);

/** Where in `value` the first string (or key) no store can keep is, e.g. `.users[2].name`; undefined when none. */
function unstorablePath(value: unknown): string | undefined {
  // An explicit stack: a body may nest far deeper than the call stack allows.
  const pending: [unknown, string][] = [[value, '']];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [item, path] = next;
    if (typeof item === 'string') {
      if (!storable(item)) return path;
    } else if (Array.isArray(item)) {
      for (const [index, element] of item.entries()) pending.push([element, `${path}[${index}]`]);
    } else if (item !== null && typeof item === 'object') {
      for (const [key, element] of Object.entries(item)) {
        if (!storable(key)) return path;
        pending.push([element, `${path}.${key}`]);
      }
    }
  }
  return undefined;
}

/**
 * Refuses, as 400 `KValidationError`, text a store cannot keep anywhere in a request's
 * path parameters, query or body, on every route and before any handler may write.
 */
export function refuseUnstorableText(app: FastifyInstance): void {
  // A callback hook: every request runs it, and a promise would cost more than the test.
  app.addHook('preValidation', function rejectUnstorableText(request, _reply, done) {
    if (request.is404) return done();
    for (const [part, value] of [
      ['params', request.params],
      ['querystring', request.query],
      ['body', request.body],
    ] as const) {
      const path = unstorablePath(value);
      if (path !== undefined) {
        return done(
          invalidRequest(`Invalid parameter ${part}${path}: must not contain NUL or unpaired UTF-16 surrogates`),
        );
      }
    }
    done();
  });
}

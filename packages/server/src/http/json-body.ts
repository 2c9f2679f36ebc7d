import type { FastifyInstance, FastifyRequest } from 'fastify';
import { answersNoOperation } from '../cluster-api/register-cluster-api.js';

/** No characters but JSON's whitespace: what clients send as "no body" (contract: login flows §3.4). */
const BLANK = /^[ \t\r\n]*$/;

/**
 * Every body is JSON, whatever its Content-Type says: some Cohesity clients send JSON with
 * no type or a form type (contract §1). An empty body is no body, whatever the type says:
 * the most used Python library sends `content-type: application/json` on its bodiless
 * `POST …/rotate` and `DELETE`. `__proto__` and `constructor.prototype` are refused.
 */
export function parseEveryBodyAsJson(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, function parseBodyAsJson(request, body: string, done) {
    // An unknown path or method answers 404/405 whatever its body holds.
    if (request.is404 || answersNoOperation(request) || BLANK.test(body)) {
      done(null, undefined);
      return;
    }
    parseJson(request, body, done);
  });
}

/** A route's `preValidation` where the body is optional: none is taken as `{}`. */
export async function noBodyAsEmptyObject(request: FastifyRequest): Promise<void> {
  if (request.body === undefined) request.body = {};
}

import type { FastifyInstance } from 'fastify';

/**
 * Every body is JSON, whatever its Content-Type says: some Cohesity clients send JSON with
 * no type or a form type (contract §1). `__proto__` and `constructor.prototype` are refused.
 */
export function parseEveryBodyAsJson(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, function parseBodyAsJson(request, body: string, done) {
    // An unknown path or method answers 404/405 whatever its body holds.
    if (request.is404) {
      done(null, undefined);
      return;
    }
    parseJson(request, body, done);
  });
}

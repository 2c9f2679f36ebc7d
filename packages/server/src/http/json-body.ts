import type { FastifyInstance } from 'fastify';

/**
 * Every body is JSON, whatever its Content-Type says: some Cohesity clients send JSON with
 * no type or a form type (contract §1). `__proto__` and `constructor.prototype` are refused.
 */
export function parseEveryBodyAsJson(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, parseJson);
}

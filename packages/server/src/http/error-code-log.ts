import type { FastifyInstance, FastifyRequest } from 'fastify';

const codes = new WeakMap<FastifyRequest, string>();
const ERROR_CODE = /^\{"errorCode":"(K\w+)"/;

/**
 * Remembers the `errorCode` of each error answer, read from the body as sent (every error
 * body is the contract's `Error`, whoever wrote it), for the access-log line.
 */
export function rememberErrorCodes(app: FastifyInstance): void {
  // A callback hook: every answer runs it, and a promise would cost more than the test.
  app.addHook('onSend', function noteErrorCode(request, reply, payload, done) {
    if (reply.statusCode >= 400 && typeof payload === 'string') {
      const code = ERROR_CODE.exec(payload)?.[1];
      if (code) codes.set(request, code);
    }
    done(null, payload);
  });
}

/** The `errorCode` this request was answered with, if it failed. */
export const errorCodeOf = (request: FastifyRequest): string | undefined => codes.get(request);

import type { Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { type ApiError, headersTooLarge, malformedHttp, requestTimedOut } from '../errors.js';
import { rawAnswer } from './raw-answer.js';

const answerFor = (code: string | undefined): ApiError => {
  if (code === 'HPE_HEADER_OVERFLOW') return headersTooLarge();
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return requestTimedOut();
  return malformedHttp();
};

/**
 * Answers what Node's HTTP parser refuses before Fastify sees a request (oversized headers,
 * slow or garbled requests) with the contract's `Error` body. Fastify's default handler
 * answers another shape and logs the error's raw packet, which may hold a token.
 */
export function answerClientError(this: FastifyInstance, error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const answer = answerFor(error.code);
  this.log.debug({ code: error.code }, 'client error');
  if (socket.writable) socket.write(rawAnswer(answer));
  socket.destroy();
}

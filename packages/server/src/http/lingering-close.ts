import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ApiError } from '../errors.js';
import { logAnswer } from './access-log.js';
import { rawAnswer } from './raw-answer.js';

/** How long a refused client has to read the answer and hang up (nginx's lingering_time is 30 s). */
export const LINGER_MSECS = 5_000;
/** How much of a refused body is read, and thrown away, before the connection is cut. */
export const MAX_DISCARDED_BYTES = 8 * 1024 * 1024;

/**
 * Whether answering now would leave the client's body unread. Closing a socket whose
 * receive buffer still holds bytes makes the kernel send a reset, and the client's side
 * then drops the answer it had not yet read: an oversized body would see a reset, not 413.
 * `reply.raw.socket` is null while the answer waits behind a pipelined predecessor's.
 */
export function mustLinger(request: FastifyRequest, reply: FastifyReply): boolean {
  return !request.raw.complete && reply.raw.socket !== null && !reply.raw.headersSent;
}

/**
 * Writes `answer`, half-closes, and keeps reading and discarding the rest of the body, so
 * the answer reaches the client before the socket closes (nginx's lingering close). The
 * socket is cut once the client hangs up, after `MAX_DISCARDED_BYTES` or after
 * `LINGER_MSECS`, whichever comes first: a refused client cannot make us read for ever.
 */
export function answerAndLinger(request: FastifyRequest, reply: FastifyReply, answer: ApiError): void {
  const socket = reply.raw.socket;
  if (!socket) return;
  // Node's response is left unfinished on purpose: finishing it would close the socket at once.
  reply.hijack();
  socket.end(rawAnswer(answer, { 'x-request-id': request.id }));
  logAnswer(request, answer.statusCode, reply.elapsedTime);
  let discarded = 0;
  const cut = () => socket.destroy();
  const timer = setTimeout(cut, LINGER_MSECS);
  socket.once('close', () => clearTimeout(timer));
  request.raw.on('data', (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > MAX_DISCARDED_BYTES) cut();
  });
  request.raw.resume();
}

import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { QueueFullError } from '../auth/concurrency-limit.js';
import { ApiError, internalError, invalidRequest, overloaded } from '../errors.js';
import { LastAdministratorError, StoreUnavailableError } from '../store/store.js';
import { answerAndLinger, mustLinger } from './lingering-close.js';

const PARSER_MESSAGES: Record<string, string> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'The request body is too large',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'The request body is empty',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'The Content-Length does not match the body',
};

// Errors met before routing; their default answers quote the URL and have another shape.
const FRAMEWORK_MESSAGES: Record<string, string> = {
  FST_ERR_BAD_URL: 'The URL is not valid',
  FST_ERR_ASYNC_CONSTRAINT: 'The request is not valid',
};

/**
 * Turns anything thrown into the contract's `Error` body. Client mistakes keep their 4xx
 * with a fixed text (never a parser's message: it may quote the body, password included);
 * everything else is a 500 whose detail goes to the log only.
 */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof QueueFullError) return overloaded(1);
  if (error instanceof LastAdministratorError) return invalidRequest(error.message);
  if (error instanceof StoreUnavailableError)
    return new ApiError(503, 'KServiceUnavailable', 'The database is unavailable; retry shortly', {
      'retry-after': '1',
    });
  const fastifyError = error as Partial<FastifyError>;
  if (fastifyError.validation) return new ApiError(400, 'KValidationError', fastifyError.message ?? 'Invalid request');
  const status = fastifyError.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    const code = fastifyError.code ?? '';
    const frameworkMessage = FRAMEWORK_MESSAGES[code];
    if (frameworkMessage) return new ApiError(400, 'KValidationError', frameworkMessage);
    if (status === 415 || code.startsWith('FST_ERR_CTP_')) {
      return new ApiError(
        status === 415 ? 400 : status,
        'KValidationError',
        PARSER_MESSAGES[code] ?? 'The request body is not valid JSON',
      );
    }
    return new ApiError(status, status === 429 ? 'KRateLimitExceeded' : 'KValidationError', 'The request is not valid');
  }
  return internalError();
}

/** Writes anything thrown as the contract's `Error`; also Fastify's `frameworkErrors` handler. */
export function sendContractError(
  error: unknown,
  request: FastifyRequest,
  reply: FastifyReply,
): FastifyReply | undefined {
  const apiError = toApiError(error);
  if (apiError.statusCode >= 500) request.log.error({ err: error }, 'request failed');
  if (mustLinger(request, reply)) {
    answerAndLinger(request, reply, apiError);
    return undefined;
  }
  return reply
    .code(apiError.statusCode)
    .headers(apiError.headers)
    .type('application/json; charset=utf-8')
    .send({ errorCode: apiError.errorCode, message: apiError.message });
}

export function useContractErrors(app: FastifyInstance): void {
  app.setErrorHandler(sendContractError);
}

import { type ErrorCode, INVALID_TOKEN_MESSAGE, type Privilege, TOKEN_EXPIRED_MESSAGE } from 'cohesity-sdk/models';

/**
 * An answer that is not 2xx. Handlers throw these; one error handler writes them as the
 * contract's `Error` body. The factories below are the contract's §4 table, in its words.
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly statusCode: number,
    readonly errorCode: ErrorCode,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {},
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

const BEARER_CHALLENGE = 'Bearer realm="cohesity"';

export const invalidCredentials = () => new ApiError(400, 'KValidationError', 'Invalid Username or Password');

export const missingParameters = (what: string) =>
  new ApiError(400, 'KValidationError', `Please specify the mandatory parameters: ${what}`);

export const invalidRequest = (message: string) => new ApiError(400, 'KValidationError', message);

export const accountLocked = (unlocksAt: Date) =>
  new ApiError(
    400,
    'KValidationError',
    `The account is locked because of too many failed login attempts. It unlocks at ${unlocksAt.toISOString()}.`,
  );

export const userLocked = (reason: string | null) =>
  new ApiError(
    400,
    'KValidationError',
    `The account is locked${reason ? ` (${reason})` : ''}. An administrator must unlock it.`,
  );

export const accountInactive = (days: number) =>
  new ApiError(
    400,
    'KValidationError',
    `The account is locked because it was not used for ${days} days. An administrator must unlock it.`,
  );

export const tokenExpired = () =>
  new ApiError(401, 'KStatusUnauthorized', TOKEN_EXPIRED_MESSAGE, {
    'www-authenticate': `${BEARER_CHALLENGE}, error="invalid_token", error_description="${TOKEN_EXPIRED_MESSAGE}"`,
  });

export const tokenInvalid = () =>
  new ApiError(401, 'KStatusUnauthorized', INVALID_TOKEN_MESSAGE, {
    'www-authenticate': `${BEARER_CHALLENGE}, error="invalid_token"`,
  });

export const noCredentials = () =>
  new ApiError(
    401,
    'KStatusUnauthorized',
    'Authentication failed: Neither session cookie nor token is present in the request',
    { 'www-authenticate': BEARER_CHALLENGE },
  );

export const apiKeyRejected = (reason: 'does not exist' | 'is inactive' | 'has expired') =>
  new ApiError(401, 'KStatusUnauthorized', `API Key ${reason}`, { 'www-authenticate': BEARER_CHALLENGE });

export const sessionRejected = (reason: 'is invalid' | 'has expired') =>
  new ApiError(401, 'KStatusUnauthorized', `The session ${reason}.`, { 'www-authenticate': BEARER_CHALLENGE });

export const missingPrivilege = (privilege: Privilege) =>
  new ApiError(403, 'KPrivilegeError', `Access denied: the privilege ${privilege} is required`);

export const notFound = (what: string) => new ApiError(404, 'KNotFound', `${what} not found`);

export const conflict = (message: string) => new ApiError(409, 'KConflict', message);

export const rateLimited = (retryAfterSeconds: number) =>
  new ApiError(429, 'KRateLimitExceeded', `Too Many Requests: retry after ${retryAfterSeconds} seconds`, {
    'retry-after': String(retryAfterSeconds),
  });

export const overloaded = (retryAfterSeconds: number) =>
  new ApiError(503, 'KServiceUnavailable', 'The server is busy; retry shortly', {
    'retry-after': String(retryAfterSeconds),
  });

export const headersTooLarge = () => new ApiError(431, 'KValidationError', 'The request headers are too large');

export const requestTimedOut = () => new ApiError(408, 'KValidationError', 'The request took too long to arrive');

export const malformedHttp = () => new ApiError(400, 'KValidationError', 'The request is not valid HTTP');

export const internalError = () => new ApiError(500, 'KInternalError', 'Internal server error');

export const sessionLimitReached = (scope: 'user' | 'cluster', limit: number) =>
  new ApiError(
    400,
    'KValidationError',
    scope === 'user'
      ? `The user already has the maximum of ${limit} sessions; end one before starting another`
      : `The cluster already has the maximum of ${limit} sessions; end one before starting another`,
  );

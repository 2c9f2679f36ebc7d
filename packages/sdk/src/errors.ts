/**
 * The body of every non-2xx answer (contract §4): the cluster's `Error`. A plain interface,
 * so the published types need no schema library; test/errors-type.test.ts ties it to the
 * models' `ErrorSchema`, which the server answers with.
 */
export interface ErrorBody {
  errorCode: string;
  message: string;
  taskLogId?: string;
}

/** What went wrong, as a string you can `switch` on. */
export type CohesityErrorCode =
  | 'ERR_API'
  | 'ERR_NETWORK'
  | 'ERR_TLS'
  | 'ERR_TIMEOUT'
  | 'ERR_CONFIGURATION'
  | 'ERR_WAITER_TIMEOUT'
  | 'ERR_WAITER_FAILED';

/**
 * Base of every error the SDK throws (aborts excepted: those reject with the signal's reason).
 * @example
 * if (error instanceof CohesityError && error.code === 'ERR_TLS') console.error('check tls.ca');
 */
export class CohesityError extends Error {
  override name = 'CohesityError';
  constructor(
    readonly code: CohesityErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** Where an `ApiException` came from: never with credentials. */
export interface ApiExceptionDetails {
  status: number;
  body: ErrorBody | undefined;
  headers: Readonly<Record<string, string>>;
  method: string;
  path: string;
  attempts: number;
  /** Says what went wrong when there is no `Error` body to quote. */
  summary?: string;
}

/**
 * The cluster answered with a non-2xx status. `errorCode` and `message` are the cluster's own.
 * @example
 * try { await client.platform.getCluster() } catch (e) { if (e instanceof ApiException) console.log(e.status, e.errorCode) }
 */
export class ApiException extends CohesityError {
  override name = 'ApiException';
  readonly status: number;
  /** The cluster's `errorCode` (e.g. `KStatusUnauthorized`); empty when the body was not an `Error`. */
  readonly errorCode: string;
  /** The parsed `Error` body, when there was one. */
  readonly body: ErrorBody | undefined;
  /** Response headers, with cookies redacted. */
  readonly headers: Readonly<Record<string, string>>;
  readonly method: string;
  readonly path: string;
  /** How many times the request was sent, retries included. */
  readonly attempts: number;

  constructor(details: ApiExceptionDetails) {
    const summary = details.body?.message ?? details.summary ?? `HTTP ${details.status}`;
    super('ERR_API', `${details.method} ${details.path}: ${details.status} ${summary}`);
    this.status = details.status;
    this.errorCode = details.body?.errorCode ?? '';
    this.body = details.body;
    this.headers = details.headers;
    this.method = details.method;
    this.path = details.path;
    this.attempts = details.attempts;
  }
}

/** 400: the cluster refused the input, including a wrong username or password. */
export class BadRequestException extends ApiException {
  override name = 'BadRequestException';
}
/** 401: no, expired or invalid credentials (after the SDK's one re-login). */
export class UnauthorizedException extends ApiException {
  override name = 'UnauthorizedException';
}
/** 403: authenticated, but a privilege is missing. */
export class ForbiddenException extends ApiException {
  override name = 'ForbiddenException';
}
/** 404: no such path or object. */
export class NotFoundException extends ApiException {
  override name = 'NotFoundException';
}
/** 5xx: the cluster failed (after retries, for idempotent requests). */
export class ServiceException extends ApiException {
  override name = 'ServiceException';
}

/** Builds the `ApiException` subclass for a status, as the Python SDK picks its exceptions. */
export function apiExceptionFor(details: ApiExceptionDetails): ApiException {
  switch (details.status) {
    case 400:
      return new BadRequestException(details);
    case 401:
      return new UnauthorizedException(details);
    case 403:
      return new ForbiddenException(details);
    case 404:
      return new NotFoundException(details);
    default:
      return details.status >= 500 ? new ServiceException(details) : new ApiException(details);
  }
}

/** The connection failed (refused, reset, DNS): the cluster never answered. `cause` has the detail. */
export class NetworkError extends CohesityError {
  override name = 'NetworkError';
  constructor(message: string, options?: ErrorOptions) {
    super('ERR_NETWORK', message, options);
  }
}

/** The TLS handshake failed: untrusted certificate or a pinned fingerprint that does not match. */
export class TlsError extends CohesityError {
  override name = 'TlsError';
  constructor(message: string, options?: ErrorOptions) {
    super('ERR_TLS', message, options);
  }
}

/** No answer within `timeoutMsecs`. */
export class TimeoutError extends CohesityError {
  override name = 'TimeoutError';
  constructor(message: string, options?: ErrorOptions) {
    super('ERR_TIMEOUT', message, options);
  }
}

/** The client was constructed with options that cannot work. Thrown by the constructor. */
export class ConfigurationError extends CohesityError {
  override name = 'ConfigurationError';
  constructor(message: string) {
    super('ERR_CONFIGURATION', message);
  }
}

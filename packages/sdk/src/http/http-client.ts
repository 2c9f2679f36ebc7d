import type { Credential, CredentialProvider } from '../credentials/credential-provider.js';
import {
  type ApiException,
  apiExceptionFor,
  CohesityError,
  type ErrorBody,
  NetworkError,
  TimeoutError,
  TlsError,
} from '../errors.js';
import type { ClientEventEmitter } from '../events.js';
import { redactHeaders } from './redact.js';
import { type QueryParams, requestUrl } from './request-url.js';
import { type RetryOptions, retryDelay } from './retry-policy.js';
import { sleep } from './sleep.js';
import type { ResponseHeaders, Transport, TransportError, TransportResponse } from './transport.js';

/** Where the SDK writes what it does. `console` fits. Never receives a secret. */
export interface Logger {
  debug?(message: string, fields?: Record<string, unknown>): void;
  warn?(message: string, fields?: Record<string, unknown>): void;
}

export interface HttpRequest {
  method: string;
  /** From the cluster's root, e.g. `/v2/clusters` or `/irisservices/api/v1/public/cluster`. */
  path: string;
  query?: QueryParams | undefined;
  /** Header parameters of the operation; credentials are added by the client. */
  headers?: Readonly<Record<string, string>>;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as it is, e.g. a multipart form. */
  payload?: { data: Uint8Array; contentType: string };
  /** The answer is a file: resolve to its bytes instead of parsing JSON. */
  binary?: boolean;
  /** A 3xx is the answer (read its `location` with `withResponse`), not a failure. */
  redirect?: boolean;
  signal?: AbortSignal | undefined;
  /** Retry this non-idempotent request too (a login is safe to repeat). */
  idempotent?: boolean;
  /** Undefined for public endpoints such as the login itself. */
  credentials?: CredentialProvider | undefined;
}

/**
 * A 2xx answer with its status and headers, for callers that need more than the body
 * (e.g. the `Date` a login came with).
 */
export interface ApiResponse<T> {
  status: number;
  headers: ResponseHeaders;
  body: T;
}

export interface HttpClientOptions {
  origin: string;
  transport: () => Promise<Transport>;
  retry: RetryOptions;
  timeoutMsecs: number;
  signal: AbortSignal | undefined;
  events: ClientEventEmitter;
  logger: Logger | undefined;
  userAgent: string;
}

/** What one call is, for its errors and log lines. */
interface Exchange {
  method: string;
  path: string;
  /** `GET /v2/clusters` */
  what: string;
}

/** One try's result: the cluster's answer, or why none came. */
type Outcome = { response: TransportResponse; failure?: undefined } | { response?: undefined; failure: TransportError };

const isTransportError = (error: unknown): error is TransportError =>
  error instanceof NetworkError || error instanceof TimeoutError || error instanceof TlsError;

function parseErrorBody(text: string): ErrorBody | undefined {
  try {
    const body: unknown = JSON.parse(text);
    if (typeof body === 'object' && body !== null && 'errorCode' in body && 'message' in body) {
      const { errorCode, message } = body;
      if (typeof errorCode === 'string' && typeof message === 'string') return body as ErrorBody;
    }
  } catch {}
  return undefined;
}

function headerRecord(headers: ResponseHeaders): Record<string, string> {
  const entries: [string, string][] = [];
  headers.forEach((value, name) => {
    entries.push([name, value]);
  });
  return redactHeaders(entries);
}

const decoder = new TextDecoder();

/** Sends requests: credentials, timeouts, retries with backoff, one replay after an expired token. */
export class HttpClient {
  readonly #options: HttpClientOptions;
  /** Failures already reported: concurrent callers share one failed login. */
  readonly #reported = new WeakSet<object>();

  constructor(options: HttpClientOptions) {
    this.#options = options;
  }

  async send<T>(request: HttpRequest): Promise<ApiResponse<T>> {
    const method = request.method.toUpperCase();
    const signal = this.#callerSignal(request.signal);
    const url = requestUrl(this.#options.origin, request.path, request.query);
    const exchange = { method, path: request.path, what: `${method} ${request.path}` };
    const { credentials } = request;
    let sent = 0;
    let replayed = false;
    for (;;) {
      signal?.throwIfAborted();
      const credential = await credentials?.get(signal).catch((error: unknown) => {
        throw this.#authFailed(credentials.kind, error);
      });
      sent += 1;
      const outcome = await this.#attempt(url, exchange, request, credential, signal);
      const { response } = outcome;
      if (response && response.status >= 200 && response.status < (request.redirect ? 400 : 300)) {
        const body = request.binary
          ? (response.body as T)
          : response.status >= 300
            ? (undefined as T)
            : this.#parse<T>(response, exchange, sent);
        return { status: response.status, headers: response.headers, body };
      }
      const text = response ? decoder.decode(response.body) : '';
      if (response?.status === 401 && credential && !replayed) {
        replayed = credentials?.shouldReplay(credential, parseErrorBody(text)?.message ?? '') ?? false;
        if (replayed) continue;
      }
      const delayMsecs = retryDelay(
        {
          attempt: replayed ? sent - 1 : sent,
          method,
          ...(request.idempotent === undefined ? {} : { idempotent: request.idempotent }),
          ...(response
            ? { status: response.status, retryAfter: response.headers.get('retry-after') }
            : { failure: outcome.failure.code }),
        },
        this.#options.retry,
        Date.now(),
      );
      if (delayMsecs !== undefined) {
        const cause = response ? { status: response.status } : { error: outcome.failure };
        this.#options.events.emit('retry', { method, path: request.path, attempt: sent, delayMsecs, ...cause });
        await sleep(delayMsecs, signal);
        continue;
      }
      if (!response) throw outcome.failure;
      const error = this.#apiException(response, parseErrorBody(text), exchange, sent);
      // A password login that worked earns a replay instead; static credentials are just refused.
      throw response.status === 401 && credentials && credentials.kind !== 'password'
        ? this.#authFailed(credentials.kind, error)
        : error;
    }
  }

  /** The one place `authFailed` is emitted: once per failure, however many callers shared it. */
  #authFailed(kind: CredentialProvider['kind'], error: unknown): unknown {
    if (error instanceof CohesityError && !this.#reported.has(error)) {
      this.#reported.add(error);
      this.#options.events.emit('authFailed', { kind, error });
    }
    return error;
  }

  #parse<T>(response: TransportResponse, exchange: Exchange, attempts: number): T {
    const text = decoder.decode(response.body);
    try {
      return (text ? JSON.parse(text) : undefined) as T;
    } catch {
      throw this.#apiException(response, undefined, exchange, attempts, 'answer is not JSON');
    }
  }

  #apiException(
    response: TransportResponse,
    body: ErrorBody | undefined,
    { method, path }: Exchange,
    attempts: number,
    summary?: string,
  ): ApiException {
    const headers = headerRecord(response.headers);
    const details = { status: response.status, body, headers, method, path, attempts };
    return apiExceptionFor(summary ? { ...details, summary } : details);
  }

  #callerSignal(signal: AbortSignal | undefined): AbortSignal | undefined {
    const signals = [signal, this.#options.signal].filter((s): s is AbortSignal => s !== undefined);
    return signals.length > 1 ? AbortSignal.any(signals) : signals[0];
  }

  /** One try, bounded by `timeoutMsecs`; the caller's abort rejects with its own reason. */
  async #attempt(
    url: string,
    { method, what }: Exchange,
    request: HttpRequest,
    credential: Credential | undefined,
    signal: AbortSignal | undefined,
  ): Promise<Outcome> {
    const { logger, userAgent, timeoutMsecs } = this.#options;
    const transport = await this.#options.transport();
    const { payload, body } = request;
    const contentType = payload?.contentType ?? (body === undefined ? undefined : 'application/json');
    const headers: Record<string, string> = {
      accept: request.binary ? '*/*' : 'application/json',
      'user-agent': userAgent,
      ...request.headers,
      ...credential?.headers,
      ...(contentType ? { 'content-type': contentType } : {}),
    };
    logger?.debug?.(`cohesity-sdk: ${what}`, { headers: redactHeaders(headers) });
    try {
      const data = payload?.data ?? (body === undefined ? undefined : JSON.stringify(body));
      const encoded = data === undefined ? {} : { body: data };
      const response = await transport.send(url, { method, headers, ...encoded, signal, timeoutMsecs, what });
      logger?.debug?.(`cohesity-sdk: ${what} -> ${response.status}`);
      return { response };
    } catch (error) {
      if (isTransportError(error)) return { failure: error };
      throw error;
    }
  }
}

import type { Credential, CredentialProvider } from '../credentials/credential-provider.js';
import { type ApiException, apiExceptionFor, type CohesityError, NetworkError, TimeoutError } from '../errors.js';
import type { ClientEventEmitter } from '../events.js';
import type { ErrorBody } from '../models/error.js';
import { redactHeaders } from './redact.js';
import { type RetryOptions, retryDelay } from './retry-policy.js';
import { sleep } from './sleep.js';
import { classifyFetchError, type Transport, type TransportResponse } from './transport.js';

/** Query values; arrays are sent as repeated parameters. `undefined` and `null` are left out. */
export type QueryParams = Record<
  string,
  string | number | boolean | readonly (string | number | boolean)[] | null | undefined
>;

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
  body?: unknown;
  signal?: AbortSignal | undefined;
  /** Retry this non-idempotent request too (a login is safe to repeat). */
  idempotent?: boolean;
  /** Undefined for public endpoints such as the login itself. */
  credentials?: CredentialProvider | undefined;
}

export interface HttpResponse<T> {
  status: number;
  body: T;
  headers: TransportResponse['headers'];
}

export interface HttpClientOptions {
  origin: string;
  transport: () => Promise<Transport>;
  retry: RetryOptions;
  timeoutMs: number;
  signal: AbortSignal | undefined;
  events: ClientEventEmitter;
  logger: Logger | undefined;
  userAgent: string;
}

// RFC 3986 path characters only: such a path needs neither parsing nor escaping.
const PLAIN_PATH = /^\/[\w\-.~!$&'()*+,;=:@%/]*$/;

/**
 * The request URL. Paths are appended to the origin, never resolved against it, so no path
 * (`//other.host/x` included) can send the credentials to another host. The API methods'
 * own paths skip URL parsing, which costs more than the rest of building a call.
 */
function urlFor(origin: string, path: string, query: QueryParams | undefined): string {
  const absolute = path.startsWith('/') ? path : `/${path}`;
  if (query === undefined && PLAIN_PATH.test(absolute)) return origin + absolute;
  const url = new URL(origin + absolute);
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null) continue;
    for (const item of Array.isArray(value) ? value : [value]) url.searchParams.append(name, String(item));
  }
  return url.toString();
}

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

function headerRecord(headers: TransportResponse['headers']): Record<string, string> {
  const entries: [string, string][] = [];
  headers.forEach((value, name) => {
    entries.push([name, value]);
  });
  return redactHeaders(entries);
}

/** Sends requests: credentials, timeouts, retries with backoff, one replay after an expired token. */
export class HttpClient {
  readonly #options: HttpClientOptions;

  constructor(options: HttpClientOptions) {
    this.#options = options;
  }

  async send<T>(request: HttpRequest): Promise<HttpResponse<T>> {
    const { retry, events, logger } = this.#options;
    const method = request.method.toUpperCase();
    const signal = this.#callerSignal(request.signal);
    const url = urlFor(this.#options.origin, request.path, request.query);
    const what = `${method} ${request.path}`;
    let sent = 0;
    let replayed = false;
    for (;;) {
      signal?.throwIfAborted();
      const credential = await request.credentials?.get(signal);
      sent += 1;
      const retryAttempt = replayed ? sent - 1 : sent;
      let response: TransportResponse;
      try {
        response = await this.#attempt(url, method, request.body, credential, signal, what);
      } catch (error) {
        if (!(error instanceof NetworkError || error instanceof TimeoutError)) throw error;
        const delayMs = retryDelay({ attempt: retryAttempt, method, ...this.#idempotent(request) }, retry, Date.now());
        if (delayMs === undefined) throw error;
        events.emit('retry', { method, path: request.path, attempt: sent, delayMs, error });
        await sleep(delayMs, signal);
        continue;
      }
      logger?.debug?.(`cohesity-sdk: ${what} -> ${response.status}`, { attempt: sent });
      if (response.status >= 200 && response.status < 300) {
        return {
          status: response.status,
          body: this.#parseSuccess<T>(response, method, request.path, sent),
          headers: response.headers,
        };
      }
      const body = parseErrorBody(response.text);
      if (response.status === 401 && credential && request.credentials && !replayed) {
        if (request.credentials.shouldReplay(credential, body?.message ?? '')) {
          replayed = true;
          continue;
        }
      }
      const delayMs = retryDelay(
        {
          attempt: retryAttempt,
          method,
          status: response.status,
          retryAfter: response.headers.get('retry-after'),
          ...this.#idempotent(request),
        },
        retry,
        Date.now(),
      );
      if (delayMs !== undefined) {
        events.emit('retry', { method, path: request.path, attempt: sent, delayMs, status: response.status });
        await sleep(delayMs, signal);
        continue;
      }
      const error: ApiException = apiExceptionFor({
        status: response.status,
        body,
        headers: headerRecord(response.headers),
        method,
        path: request.path,
        attempts: sent,
      });
      if (response.status === 401 && request.credentials?.kind === 'apiKey') {
        events.emit('authFailed', { kind: 'apiKey', error });
      }
      throw error;
    }
  }

  #parseSuccess<T>(response: TransportResponse, method: string, path: string, attempts: number): T {
    try {
      return (response.text ? JSON.parse(response.text) : undefined) as T;
    } catch {
      const headers = headerRecord(response.headers);
      const status = response.status;
      throw apiExceptionFor({
        status,
        body: undefined,
        headers,
        method,
        path,
        attempts,
        summary: 'answer is not JSON',
      });
    }
  }

  #idempotent(request: HttpRequest): { idempotent?: boolean } {
    return request.idempotent === undefined ? {} : { idempotent: request.idempotent };
  }

  #callerSignal(signal: AbortSignal | undefined): AbortSignal | undefined {
    const signals = [signal, this.#options.signal].filter((s): s is AbortSignal => s !== undefined);
    return signals.length > 1 ? AbortSignal.any(signals) : signals[0];
  }

  /** One try, bounded by `timeoutMs`; the caller's abort rejects with its own reason. */
  async #attempt(
    url: string,
    method: string,
    body: unknown,
    credential: Credential | undefined,
    signal: AbortSignal | undefined,
    what: string,
  ): Promise<TransportResponse> {
    const transport = await this.#options.transport();
    const headers: Record<string, string> = {
      accept: 'application/json',
      'user-agent': this.#options.userAgent,
      ...credential?.headers,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    };
    this.#options.logger?.debug?.(`cohesity-sdk: ${what}`, { headers: redactHeaders(headers) });
    try {
      return await transport.send(url, {
        method,
        headers,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal,
        timeoutMs: this.#options.timeoutMs,
      });
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      throw classifyFetchError(error, what, this.#options.timeoutMs) satisfies CohesityError;
    }
  }
}

import { AccessTokenApi } from './apis/access-tokens.js';
import type { ApiRequest } from './apis/api-call.js';
import { PlatformApi } from './apis/platform.js';
import { SecurityApi } from './apis/security.js';
import { UserApi } from './apis/users.js';
import type { ClusterClientOptions } from './cluster-client-options.js';
import type { CredentialProvider } from './credentials/credential-provider.js';
import { fromAccessToken } from './credentials/from-access-token.js';
import { fromApiKey } from './credentials/from-api-key.js';
import { fromPassword } from './credentials/from-password.js';
import { ConfigurationError } from './errors.js';
import { ClientEventEmitter, type ClientEventListener, type ClientEventName } from './events.js';
import { HttpClient, type QueryParams } from './http/http-client.js';
import { DEFAULT_RETRY } from './http/retry-policy.js';
import { checkTlsOptions, createNodeTransport, fetchTransport, type Transport } from './http/transport.js';
import type { AccessTokenResponse } from './models/access-token.js';
import { DEFAULT_DOMAIN } from './models/contract-constants.js';

const DEFAULT_TIMEOUT_MS = 30_000;
const USER_AGENT = 'cohesity-sdk-ts/0.1.0';

/** Options of `client.request`. */
export interface RequestOptions {
  query?: QueryParams;
  body?: unknown;
  signal?: AbortSignal;
}

function originOf(clusterVip: string): string {
  const raw = clusterVip.includes('://') ? clusterVip : `https://${clusterVip}`;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigurationError(`clusterVip is not a host, host:port or URL: '${clusterVip}'`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ConfigurationError('clusterVip must use https (or http behind a TLS-terminating proxy)');
  }
  return url.origin;
}

function checkCredentials(options: ClusterClientOptions): void {
  const hasPassword = options.username !== undefined || options.password !== undefined;
  const others = [options.apiKey, options.accessToken].filter((value) => value !== undefined).length;
  if (hasPassword ? others > 0 : others > 1) {
    throw new ConfigurationError(
      'Give one kind of credentials (username and password, apiKey or accessToken), not both',
    );
  }
  if (hasPassword && !(options.username && options.password)) {
    throw new ConfigurationError('username and password must both be non-empty');
  }
  if (!hasPassword && !options.apiKey && !options.accessToken) {
    throw new ConfigurationError('Give username and password, or apiKey (or accessToken)');
  }
  if (options.domain !== undefined && (!hasPassword || !options.domain)) {
    throw new ConfigurationError('domain goes with username and password, and must not be empty');
  }
}

/**
 * A cluster: logs in lazily, shares one login between concurrent calls, renews ahead of
 * expiry, retries idempotent calls, and never prints a secret.
 * @example
 * const client = new ClusterClient({ clusterVip: '10.0.0.5', username: 'admin', password });
 * const { swVersion } = await client.platform.getCluster();
 */
export class ClusterClient {
  /** `AccessTokenApi`. */
  readonly accessToken: AccessTokenApi;
  /** `PlatformApi`. */
  readonly platform: PlatformApi;
  /** `UserApi`: users, sessions, API keys. */
  readonly users: UserApi;
  /** `SecurityApi`. */
  readonly security: SecurityApi;
  readonly #origin: string;
  readonly #events = new ClientEventEmitter();
  readonly #http: HttpClient;
  readonly #credentials: CredentialProvider;
  #transport: Promise<Transport> | undefined;

  constructor(options: ClusterClientOptions) {
    if (typeof options !== 'object' || options === null) throw new ConfigurationError('options are required');
    this.#origin = originOf(options.clusterVip ?? '');
    checkCredentials(options);
    checkTlsOptions(options.tls, options.fetch !== undefined);
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    if (!(Number.isFinite(timeoutMs) && timeoutMs > 0)) throw new ConfigurationError('timeoutMs must be > 0');
    const retry = { ...DEFAULT_RETRY, ...options.retry };
    if (!(Number.isInteger(retry.maxAttempts) && retry.maxAttempts >= 1)) {
      throw new ConfigurationError('retry.maxAttempts must be an integer >= 1');
    }
    const { fetch, logger, tls = {} } = options;
    const warn = (message: string) => (logger?.warn ? logger.warn(message) : console.warn(message));
    this.#http = new HttpClient({
      origin: this.#origin,
      transport: () => {
        this.#transport ??= fetch ? Promise.resolve(fetchTransport(fetch)) : createNodeTransport(tls, timeoutMs, warn);
        return this.#transport;
      },
      retry,
      timeoutMs,
      signal: options.signal,
      events: this.#events,
      logger,
      userAgent: options.userAgent ?? USER_AGENT,
    });
    const call = <T>(request: ApiRequest) => this.#call<T>(request);
    this.accessToken = new AccessTokenApi(call);
    this.platform = new PlatformApi(call);
    this.users = new UserApi(call);
    this.security = new SecurityApi(call);
    this.#credentials =
      options.apiKey !== undefined
        ? fromApiKey(options.apiKey)
        : options.accessToken !== undefined
          ? fromAccessToken(options.accessToken, options.tokenType)
          : fromPassword(
              async (credentials) => {
                const response = await this.#http.send<AccessTokenResponse>({
                  method: 'POST',
                  path: '/v2/access-tokens',
                  body: credentials,
                  idempotent: true,
                });
                return { response: response.body, dateHeader: response.headers.get('date') };
              },
              {
                username: options.username ?? '',
                password: options.password ?? '',
                domain: options.domain ?? DEFAULT_DOMAIN,
              },
              this.#events,
            );
  }

  /**
   * Any endpoint of the cluster, with authentication, retries and errors handled.
   * @example
   * const me = await client.request('GET', '/irisservices/api/v1/public/sessionUser');
   */
  async request<T = unknown>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const response = await this.#http.send<T>({ method, path, ...options, credentials: this.#credentials });
    return response.body;
  }

  /**
   * Listens to `tokenRefreshed`, `retry` or `authFailed`; answers a function that unsubscribes.
   * @example
   * client.on('retry', ({ method, path, delayMs }) => console.warn(`retrying ${method} ${path} in ${delayMs} ms`));
   */
  on<K extends ClientEventName>(name: K, listener: ClientEventListener<K>): () => void {
    return this.#events.on(name, listener);
  }

  /** Removes a listener added with `on`. @example client.off('retry', listener); */
  off<K extends ClientEventName>(name: K, listener: ClientEventListener<K>): void {
    this.#events.off(name, listener);
  }

  /** Closes the connections. @example await client.close(); */
  async close(): Promise<void> {
    const transport = this.#transport;
    this.#transport = undefined;
    await (await transport)?.close();
  }

  async #call<T>(request: ApiRequest): Promise<T> {
    const { auth, ...rest } = request;
    const response = await this.#http.send<T>({ ...rest, credentials: auth === false ? undefined : this.#credentials });
    return response.body;
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `ClusterClient { origin: '${this.#origin}', auth: '${this.#credentials.kind}' }`;
  }

  toJSON(): { origin: string; auth: CredentialProvider['kind'] } {
    return { origin: this.#origin, auth: this.#credentials.kind };
  }
}

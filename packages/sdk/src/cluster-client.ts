import { UserApi } from './apis/users.js';
import type { CallOptions, ResponseOptions } from './call-options.js';
import type { ClusterClientOptions } from './cluster-client-options.js';
import type { CredentialProvider } from './credentials/credential-provider.js';
import { fromAccessToken } from './credentials/from-access-token.js';
import { fromApiKey } from './credentials/from-api-key.js';
import { fromPassword, type Login } from './credentials/from-password.js';
import { impersonateTenant } from './credentials/impersonate-tenant.js';
import { buildRequest } from './endpoints/build-request.js';
import { defineOperationGroups } from './endpoints/define-operation-groups.js';
import type { Api } from './endpoints/endpoint.js';
import { loadEndpoint } from './endpoints/load-endpoint.js';
import type { PagedItem, PagedMethod, PagedPage, PagedParams, V1Api, V2Api } from './endpoints/operation-types.js';
import { ConfigurationError } from './errors.js';
import { ClientEventEmitter, type ClientEventListener, type ClientEventName } from './events.js';
import { fetchTransport } from './http/fetch-transport.js';
import { HttpClient } from './http/http-client.js';
import { createNodeTransport } from './http/node-transport.js';
import type { QueryParams } from './http/request-url.js';
import { DEFAULT_RETRY } from './http/retry-policy.js';
import { checkTlsOptions } from './http/tls-options.js';
import type { Transport } from './http/transport.js';
import { DEFAULT_DOMAIN } from './models/contract-constants.js';

const DEFAULT_TIMEOUT_MSECS = 30_000;
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

/**
 * The types already refuse mixed credentials; this says so to JavaScript callers. Answers
 * the client's credentials, or undefined for a client of the public endpoints only.
 */
function credentialsOf(options: ClusterClientOptions, login: Login, events: ClientEventEmitter) {
  const { username, password, domain, apiKey, accessToken, tokenType } = options;
  const hasPassword = username !== undefined || password !== undefined;
  const others = [apiKey, accessToken].filter((value) => value !== undefined).length;
  if (hasPassword ? others > 0 : others > 1) {
    throw new ConfigurationError(
      'Give one kind of credentials (username and password, apiKey or accessToken), not both',
    );
  }
  if (hasPassword && !(username && password)) {
    throw new ConfigurationError('username and password must both be non-empty');
  }
  if ((apiKey ?? accessToken) === '') throw new ConfigurationError('apiKey and accessToken must not be empty');
  if (domain !== undefined && (!hasPassword || !domain)) {
    throw new ConfigurationError('domain goes with username and password, and must not be empty');
  }
  if (username && password)
    return fromPassword(login, { username, password, domain: domain ?? DEFAULT_DOMAIN }, events);
  if (apiKey !== undefined) return fromApiKey(apiKey);
  return accessToken === undefined ? undefined : fromAccessToken(accessToken, tokenType);
}

/**
 * A cluster: every operation of the v2 API as `client.<group>.<operationId>(params)` and of
 * the v1 API as `client.v1.<group>.<operationId>(params)`, typed from the documents. Logs in
 * lazily, shares one login between concurrent calls, renews ahead of expiry, retries
 * idempotent calls, and never prints a secret.
 * @example
 * const client = new ClusterClient({ clusterVip: '10.0.0.5', username: 'admin', password });
 * const { swVersion } = await client.platform.getCluster();
 */
// The v2 groups are defined at construction from the generated table (defineOperationGroups);
// the interface gives them their types without a hand-written or generated member per group.
export interface ClusterClient extends V2Api {}

// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: the constructor defines every V2Api member
export class ClusterClient {
  /** The v1 API (`/irisservices/api/v1`): `client.v1.protectionJobs.getProtectionJobs()`. */
  readonly v1: V1Api;
  /** Today's `UserApi` names with positional SIDs: aliases of `client.user`'s operations. */
  readonly users: UserApi;
  readonly #origin: string;
  readonly #events = new ClientEventEmitter();
  readonly #http: HttpClient;
  readonly #credentials: CredentialProvider | undefined;
  #transport: Promise<Transport> | undefined;

  constructor(options: ClusterClientOptions) {
    if (typeof options !== 'object' || options === null) throw new ConfigurationError('options are required');
    this.#origin = originOf(options.clusterVip ?? '');
    checkTlsOptions(options.tls, options.fetch !== undefined);
    const timeoutMsecs = options.timeoutMsecs ?? DEFAULT_TIMEOUT_MSECS;
    if (!(Number.isFinite(timeoutMsecs) && timeoutMsecs > 0)) throw new ConfigurationError('timeoutMsecs must be > 0');
    const retry = { ...DEFAULT_RETRY, ...options.retry };
    if (!(Number.isInteger(retry.maxAttempts) && retry.maxAttempts >= 1)) {
      throw new ConfigurationError('retry.maxAttempts must be an integer >= 1');
    }
    const { fetch, logger, tls = {} } = options;
    const warn = (message: string) => (logger?.warn ? logger.warn(message) : console.warn(message));
    this.#http = new HttpClient({
      origin: this.#origin,
      transport: () => {
        this.#transport ??= fetch
          ? Promise.resolve(fetchTransport(fetch))
          : createNodeTransport(tls, timeoutMsecs, warn);
        return this.#transport;
      },
      retry,
      timeoutMsecs,
      signal: options.signal,
      events: this.#events,
      logger,
      userAgent: options.userAgent ?? USER_AGENT,
    });
    const invoke = (api: Api, group: string, operationId: string, args: readonly unknown[]) =>
      this.#invoke(api, group, operationId, args);
    defineOperationGroups(this, 'v2', invoke);
    const v1 = {};
    defineOperationGroups(v1, 'v1', invoke);
    this.v1 = v1 as V1Api;
    this.users = new UserApi(this.user);
    // Logins are public and safe to repeat; tokens or sessions, whichever the cluster allows.
    const post = <T>(path: string, body: unknown) =>
      this.#http.send<T>({ method: 'POST', path, body, idempotent: true });
    // Loaded on the first login: a client on an API key never carries it.
    let loaded: Promise<Login> | undefined;
    const login: Login = async (credentials) => {
      loaded ??= import('./credentials/cluster-login.js').then((m) =>
        m.clusterLogin(post, options.otp, options.otpType),
      );
      return (await loaded)(credentials);
    };
    const credentials = credentialsOf(options, login, this.#events);
    const tenant = options.impersonateTenantId;
    this.#credentials = credentials && tenant ? impersonateTenant(credentials, tenant) : credentials;
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
   * Every item of a paginated list operation, page after page, whatever the way it pages
   * (`paginationCookie`, `cookie`, `startIndex`, `maxViewId`, `page`: read from the document).
   * @example
   * for await (const group of client.paginate(client.protectionGroup.getProtectionGroups, { maxResultCount: 50 })) {
   *   console.log(group.name);
   * }
   */
  paginate<M extends PagedMethod>(
    method: M,
    params?: PagedParams<M>,
    options?: CallOptions,
  ): AsyncIterableIterator<PagedItem<M>> {
    return this.#walk(method, params, options, true) as AsyncIterableIterator<PagedItem<M>>;
  }

  /**
   * Every answer of a paginated list operation, one page at a time (AWS SDK v3's
   * paginators), for what a page holds beside its items (counts, summaries).
   * @example
   * for await (const page of client.paginatePages(client.protectionGroup.getProtectionGroups, { maxResultCount: 50 })) {
   *   console.log(page.protectionGroups?.length);
   * }
   */
  paginatePages<M extends PagedMethod>(
    method: M,
    params?: PagedParams<M>,
    options?: CallOptions,
  ): AsyncIterableIterator<PagedPage<M>> {
    return this.#walk(method, params, options, false) as AsyncIterableIterator<PagedPage<M>>;
  }

  #walk(method: PagedMethod, params: unknown, options: CallOptions | undefined, items: boolean) {
    const { api, group, operationId } = method;
    const call = (input: unknown) => this.#invoke(api, group, operationId, [input, options]);
    const load = () => loadEndpoint(api, group, operationId);
    return (async function* walk() {
      // Loaded on first use: a client that never pages does not carry the pager.
      const { walkPages } = await import('./paginate/walk-pages.js');
      for await (const page of walkPages(load, call, params)) {
        if (items) yield* page.items;
        else yield page.page;
      }
    })();
  }

  /**
   * Listens to `tokenRefreshed`, `retry` or `authFailed`; answers a function that unsubscribes.
   * @example
   * client.on('retry', ({ method, path, delayMsecs }) => console.warn(`retrying ${method} ${path} in ${delayMsecs} ms`));
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

  /** One generated method's call: the operation's table row says how it goes on the wire. */
  async #invoke(api: Api, group: string, operationId: string, args: readonly unknown[]): Promise<unknown> {
    const endpoint = await loadEndpoint(api, group, operationId);
    const [input, options] = (endpoint.input === 'none' ? [undefined, args[0]] : args) as [
      unknown,
      CallOptions | ResponseOptions | undefined,
    ];
    const request = await buildRequest(endpoint, input);
    const credentials = endpoint.public ? undefined : this.#credentials;
    const response = await this.#http.send({ ...request, signal: options?.signal, credentials });
    return options && 'withResponse' in options && options.withResponse ? response : response.body;
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `ClusterClient { origin: '${this.#origin}', auth: '${this.#auth()}' }`;
  }

  toJSON(): { origin: string; auth: CredentialProvider['kind'] | 'none' } {
    return { origin: this.#origin, auth: this.#auth() };
  }

  #auth(): CredentialProvider['kind'] | 'none' {
    return this.#credentials?.kind ?? 'none';
  }
}

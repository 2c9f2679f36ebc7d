import type { Logger } from './http/http-client.js';
import type { RetryOptions } from './http/retry-policy.js';
import type { TlsOptions } from './http/tls-options.js';
import type { FetchLike } from './http/transport.js';

/** Where the cluster is and how to talk to it, whatever the credentials. */
export interface ConnectionOptions {
  /** Host or host:port (`https://{clusterVip}/v2`), or a full `https://` origin. */
  clusterVip: string;
  tls?: TlsOptions;
  /**
   * Per try, in milliseconds; default 30 000. On Node it bounds each wait (to connect, for
   * the headers, between body chunks); with `fetch`, the whole exchange.
   */
  timeoutMsecs?: number;
  retry?: Partial<RetryOptions>;
  /** Aborting it stops every request of this client. */
  signal?: AbortSignal;
  /** Use this fetch instead of the built-in Node transport (browsers, Deno). */
  fetch?: FetchLike;
  logger?: Logger;
  userAgent?: string;
}

/** Log in with a username and password; the client renews the token by itself. */
export interface PasswordOptions extends ConnectionOptions {
  username: string;
  password: string;
  /** Defaults to `LOCAL`. */
  domain?: string;
  apiKey?: never;
  accessToken?: never;
  tokenType?: never;
}

/** Send an API key as the `apiKey` header; the client never logs in. */
export interface ApiKeyOptions extends ConnectionOptions {
  apiKey: string;
  username?: never;
  password?: never;
  domain?: never;
  accessToken?: never;
  tokenType?: never;
}

/** A token from an earlier login, sent as `Authorization: <tokenType> <accessToken>`; never renewed. */
export interface AccessTokenOptions extends ConnectionOptions {
  accessToken: string;
  /** Defaults to `Bearer`. */
  tokenType?: string;
  username?: never;
  password?: never;
  domain?: never;
  apiKey?: never;
}

/** No credentials: only the public endpoints (the logins, v1 `basicClusterInfo`) answer. */
export interface AnonymousOptions extends ConnectionOptions {
  username?: never;
  password?: never;
  domain?: never;
  apiKey?: never;
  accessToken?: never;
  tokenType?: never;
}

/**
 * How to reach and authenticate to a cluster: `username` + `password` (domain defaults to
 * LOCAL), `apiKey`, `accessToken`, or none of them for the public endpoints. Mixing kinds
 * does not compile (and throws `ConfigurationError` from JavaScript).
 * @example
 * { clusterVip: '10.0.0.5', username: 'admin', password: process.env.COHESITY_PASSWORD ?? '' }
 */
export type ClusterClientOptions = PasswordOptions | ApiKeyOptions | AccessTokenOptions | AnonymousOptions;

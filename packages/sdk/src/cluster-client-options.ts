import type { OtpProvider, OtpType } from './credentials/cluster-login.js';
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
  /**
   * Act as this tenant (`x-impersonate-tenant-id`, e.g. `acme/`) on every authenticated
   * request: for a cluster administrator holding ORGANIZATION_IMPERSONATE.
   */
  impersonateTenantId?: string;
}

/** Each field of the other kinds of credentials, absent: so that kinds do not mix. */
type Absent<K extends string> = { [P in K]?: never };
type PasswordFields = 'username' | 'password' | 'domain' | 'otp' | 'otpType';
type ApiKeyFields = 'apiKey';
type AccessTokenFields = 'accessToken' | 'tokenType';

/** Log in with a username and password; the client renews the token by itself. */
export interface PasswordOptions extends ConnectionOptions, Absent<ApiKeyFields | AccessTokenFields> {
  username: string;
  password: string;
  /** Defaults to `LOCAL`. */
  domain?: string;
  /** For clusters with MFA on: gives the current code at each login. */
  otp?: OtpProvider;
  /** Which code `otp` gives; default `totp`. With `email`, each login first asks the cluster to mail one. */
  otpType?: OtpType;
}

/** Send an API key as the `apiKey` header; the client never logs in. */
export interface ApiKeyOptions extends ConnectionOptions, Absent<PasswordFields | AccessTokenFields> {
  apiKey: string;
}

/** A token from an earlier login, sent as `Authorization: <tokenType> <accessToken>`; never renewed. */
export interface AccessTokenOptions extends ConnectionOptions, Absent<PasswordFields | ApiKeyFields> {
  accessToken: string;
  /** Defaults to `Bearer`. */
  tokenType?: string;
}

/** No credentials: only the public endpoints (the logins, v1 `basicClusterInfo`) answer. */
export interface AnonymousOptions
  extends ConnectionOptions,
    Absent<PasswordFields | ApiKeyFields | AccessTokenFields> {}

/**
 * How to reach and authenticate to a cluster: `username` + `password` (domain defaults to
 * LOCAL), `apiKey`, `accessToken`, or none of them for the public endpoints. Mixing kinds
 * does not compile (and throws `ConfigurationError` from JavaScript).
 * @example
 * { clusterVip: '10.0.0.5', username: 'admin', password: process.env.COHESITY_PASSWORD ?? '' }
 */
export type ClusterClientOptions = PasswordOptions | ApiKeyOptions | AccessTokenOptions | AnonymousOptions;

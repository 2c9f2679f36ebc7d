import type { Logger } from './http/http-client.js';
import type { RetryOptions } from './http/retry-policy.js';
import type { FetchLike, TlsOptions } from './http/transport.js';

/**
 * How to reach and authenticate to a cluster. Give `username` + `password` (domain defaults
 * to LOCAL), `apiKey` or `accessToken`: exactly one.
 * @example
 * { clusterVip: '10.0.0.5', username: 'admin', password: process.env.COHESITY_PASSWORD ?? '' }
 */
export interface ClusterClientOptions {
  /** Host or host:port (`https://{clusterVip}/v2`), or a full `https://` origin. */
  clusterVip: string;
  username?: string;
  password?: string;
  /** Defaults to `LOCAL`. */
  domain?: string;
  /** Sent as the `apiKey` header; the client never logs in. */
  apiKey?: string;
  /** A token from an earlier login, sent as `Authorization: <tokenType> <accessToken>`; never renewed. */
  accessToken?: string;
  /** Goes with `accessToken`; defaults to `Bearer`. */
  tokenType?: string;
  tls?: TlsOptions;
  /**
   * Per try, in milliseconds; default 30 000. On Node it bounds each wait (to connect, for
   * the headers, between body chunks); with `fetch`, the whole exchange.
   */
  timeoutMs?: number;
  retry?: Partial<RetryOptions>;
  /** Aborting it stops every request of this client. */
  signal?: AbortSignal;
  /** Use this fetch instead of the built-in Node transport (browsers, Deno). */
  fetch?: FetchLike;
  logger?: Logger;
  userAgent?: string;
}

export type { AccessTokenApi } from './apis/access-tokens.js';
export type { CallOptions, ResponseOptions } from './apis/api-call.js';
export type { PlatformApi } from './apis/platform.js';
export type { SecurityApi } from './apis/security.js';
export type { UserApi } from './apis/users.js';
export { ClusterClient, type RequestOptions } from './cluster-client.js';
export type {
  AccessTokenOptions,
  AnonymousOptions,
  ApiKeyOptions,
  ClusterClientOptions,
  ConnectionOptions,
  PasswordOptions,
} from './cluster-client-options.js';
export { type TokenExpiry, tokenExpiry } from './credentials/token-expiry.js';
export * from './errors.js';
export type { ClientEventListener, ClientEventName, ClientEvents } from './events.js';
export type { ApiResponse, Logger } from './http/http-client.js';
export type { QueryParams } from './http/request-url.js';
export { DEFAULT_RETRY, type RetryOptions } from './http/retry-policy.js';
export type { TlsOptions } from './http/tls-options.js';
export type { FetchLike, FetchResponseLike, ResponseHeaders, TransportBody } from './http/transport.js';
export type * from './models/index.js';

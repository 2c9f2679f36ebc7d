export type { AccessTokenApi } from './apis/access-tokens.js';
export type { CallOptions } from './apis/api-call.js';
export type { PlatformApi } from './apis/platform.js';
export type { SecurityApi } from './apis/security.js';
export type { UserApi } from './apis/users.js';
export { ClusterClient, type RequestOptions } from './cluster-client.js';
export type { ClusterClientOptions } from './cluster-client-options.js';
export { type TokenExpiry, tokenExpiry } from './credentials/token-expiry.js';
export * from './errors.js';
export type { ClientEventListener, ClientEventName, ClientEvents } from './events.js';
export type { Logger, QueryParams } from './http/http-client.js';
export { DEFAULT_RETRY, type RetryOptions } from './http/retry-policy.js';
export type { FetchLike, FetchResponseLike, TlsOptions } from './http/transport.js';
export * from './models/contract-constants.js';
export type * from './models/index.js';
// The role names as a value (the rest of the models need typebox; this list does not).
export { Roles } from './models/privileges.js';

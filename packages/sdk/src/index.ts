export type { UserApi } from './apis/users.js';
export type { CallOptions, ResponseOptions } from './call-options.js';
export { ClusterClient, type RequestOptions } from './cluster-client.js';
export type {
  AccessTokenOptions,
  AnonymousOptions,
  ApiKeyOptions,
  ClusterClientOptions,
  ConnectionOptions,
  PasswordOptions,
} from './cluster-client-options.js';
export type { OtpProvider, OtpRequest, OtpType } from './credentials/cluster-login.js';
export { IMPERSONATE_TENANT_HEADER } from './credentials/impersonate-tenant.js';
export { type TokenExpiry, tokenExpiry } from './credentials/token-expiry.js';
export type { AccessTokenResponse } from './endpoints/corrections.js';
export type { Api } from './endpoints/endpoint.js';
export type {
  MethodInfo,
  OperationGroup,
  OperationMethod,
  OperationParams,
  OperationResult,
  Operations,
  PagedItem,
  PagedMethod,
  PagedPage,
  PagedParams,
  V1Api,
  V2Api,
} from './endpoints/operation-types.js';
export type { V1Schema, V2Schema } from './endpoints/schemas.js';
export * from './errors.js';
export type { ClientEventListener, ClientEventName, ClientEvents } from './events.js';
export type { ApiResponse, Logger } from './http/http-client.js';
export type { QueryParams } from './http/request-url.js';
export { DEFAULT_RETRY, type RetryOptions } from './http/retry-policy.js';
export type { TlsOptions } from './http/tls-options.js';
export type { FetchLike, FetchResponseLike, ResponseHeaders, TransportBody } from './http/transport.js';
export * from './models/contract-constants.js';
// The role names as a value (the models' schemas need typebox; this list does not).
export { Roles } from './models/privileges.js';
export * from './waiters/index.js';

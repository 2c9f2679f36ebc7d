import type { ApiResponse } from '../http/http-client.js';
import type { QueryParams } from '../http/request-url.js';

/** Per-call options every API method takes last. */
export interface CallOptions {
  signal?: AbortSignal;
}

/** Per-call options that ask for the status and headers as well as the body. */
export interface ResponseOptions extends CallOptions {
  withResponse: true;
}

/** One request through the client's pipeline; `auth: false` for the login endpoints. */
export interface ApiRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  query?: QueryParams;
  body?: unknown;
  signal?: AbortSignal | undefined;
  auth?: false;
  idempotent?: boolean;
}

/** Sends a request; answers the body, or the whole response when asked. */
export interface ApiCall {
  <T>(request: ApiRequest, options: ResponseOptions): Promise<ApiResponse<T>>;
  <T>(request: ApiRequest, options?: CallOptions): Promise<T>;
}

/** A path segment, escaped: SIDs and ids come from callers. */
export const segment = (value: string): string => encodeURIComponent(value);

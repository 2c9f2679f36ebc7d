import type { QueryParams } from '../http/http-client.js';

/** Per-call options every API method takes last. */
export interface CallOptions {
  signal?: AbortSignal;
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

export type ApiCall = <T>(request: ApiRequest) => Promise<T>;

/** A path segment, escaped: SIDs and ids come from callers. */
export const segment = (value: string): string => encodeURIComponent(value);

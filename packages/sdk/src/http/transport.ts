import type { NetworkError, TimeoutError, TlsError } from '../errors.js';

/** Response headers as the client reads them (fetch's `Headers` has this shape). */
export interface ResponseHeaders {
  get(name: string): string | null;
  forEach(callback: (value: string, name: string) => void): void;
}

/** The part of a fetch `Response` the client reads. */
export interface FetchResponseLike {
  readonly status: number;
  readonly headers: ResponseHeaders;
  arrayBuffer(): Promise<ArrayBuffer>;
}

/** A request body as a transport sends it: JSON text, or bytes (a multipart body is built as bytes). */
export type TransportBody = string | Uint8Array;

/** A `fetch` (the platform's in browsers and Deno, or undici's on Node). */
export type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; body?: TransportBody; signal: AbortSignal },
) => Promise<FetchResponseLike>;

/** One exchange as the client sends it: the caller's signal, if any, and a time bound. */
export interface TransportRequest {
  method: string;
  headers: Record<string, string>;
  body?: TransportBody;
  signal: AbortSignal | undefined;
  /** Past this without progress (or, over `fetch`, in all) the exchange fails with a timeout. */
  timeoutMsecs: number;
  /** Names the exchange in error messages, e.g. `GET /v2/clusters`. */
  what: string;
}

/** An answer with its body read. */
export interface TransportResponse {
  readonly status: number;
  readonly headers: ResponseHeaders;
  readonly body: Uint8Array;
}

/** The only errors a transport rejects with, besides the caller's own abort reason. */
export type TransportError = NetworkError | TlsError | TimeoutError;

/** Sends one exchange; rejects with a `TransportError`, or the caller's signal's reason. */
export interface Transport {
  send(url: string, request: TransportRequest): Promise<TransportResponse>;
  close(): Promise<void>;
}

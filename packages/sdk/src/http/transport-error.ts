import { NetworkError, TimeoutError, TlsError } from '../errors.js';
import type { TransportError } from './transport.js';

const TLS_CODE = /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY|ALTNAME/i;
const TIMEOUT_CODES = new Set([
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'ETIMEDOUT',
]);

/** The undici/fetch error's root cause, where its `code` lives. */
function rootCause(error: unknown): unknown {
  let current = error;
  while (current instanceof Error && current.cause !== undefined && !(current instanceof TlsError)) {
    current = current.cause;
  }
  return current;
}

/**
 * What a transport rejects with when an exchange fails: NetworkError, TlsError or
 * TimeoutError, with the platform's error as `cause`. The caller's own abort is not a
 * failure of the exchange: it rejects with the signal's reason.
 */
export function transportError(
  error: unknown,
  request: { what: string; timeoutMsecs: number; signal: AbortSignal | undefined },
): unknown {
  const { what, timeoutMsecs, signal } = request;
  if (signal?.aborted) return signal.reason;
  if (error instanceof TimeoutError)
    return new TimeoutError(`${what}: no answer in ${timeoutMsecs} ms`, { cause: error });
  const cause = rootCause(error);
  if (cause instanceof TlsError) return new TlsError(`${what}: ${cause.message}`, { cause: error });
  const code = cause instanceof Error && 'code' in cause && typeof cause.code === 'string' ? cause.code : '';
  if (TIMEOUT_CODES.has(code)) {
    return new TimeoutError(`${what}: no answer in ${timeoutMsecs} ms (${code})`, { cause: error });
  }
  if (TLS_CODE.test(code)) return new TlsError(`${what}: TLS failed (${code})`, { cause: error });
  return new NetworkError(`${what}: connection failed${code ? ` (${code})` : ''}`, {
    cause: error,
  }) satisfies TransportError;
}

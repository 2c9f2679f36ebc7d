import { TimeoutError } from '../errors.js';
import type { FetchLike, Transport } from './transport.js';
import { transportError } from './transport-error.js';

/**
 * A transport over a `fetch` the caller supplies (browsers, Deno, tests). The time bound is
 * an abort, since such a fetch has no timeouts of its own.
 */
export function fetchTransport(fetch: FetchLike): Transport {
  return {
    async send(url, request) {
      const { method, headers, body, signal, timeoutMsecs } = request;
      // A cleared timer, not AbortSignal.timeout: that one lives on, with its timer, for the
      // whole timeout after the answer came (tens of thousands under load).
      const timeout = new AbortController();
      const timer = setTimeout(() => timeout.abort(), timeoutMsecs);
      const combined = signal ? AbortSignal.any([signal, timeout.signal]) : timeout.signal;
      try {
        // Not every fetch looks at a signal that was aborted before the call.
        combined.throwIfAborted();
        const response = await fetch(url, {
          method,
          headers,
          ...(body === undefined ? {} : { body }),
          signal: combined,
        });
        const bytes = new Uint8Array(await response.arrayBuffer());
        return { status: response.status, headers: response.headers, body: bytes };
      } catch (error) {
        const timedOut = !signal?.aborted && timeout.signal.aborted;
        throw transportError(timedOut ? new TimeoutError('no answer in time', { cause: error }) : error, request);
      } finally {
        clearTimeout(timer);
      }
    },
    close: async () => {},
  };
}

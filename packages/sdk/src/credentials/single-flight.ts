/**
 * Wraps `task` so that concurrent calls share one run: while a promise is in flight every
 * caller gets it, and it is cleared in `finally`, so a failure does not poison later calls.
 * @example
 * const login = singleFlight(() => fetchToken()); await Promise.all([login(), login()]) // one fetch
 */
export function singleFlight<T>(task: () => Promise<T>): () => Promise<T> {
  let inFlight: Promise<T> | undefined;
  return () => {
    inFlight ??= (async () => {
      try {
        return await task();
      } finally {
        inFlight = undefined;
      }
    })();
    return inFlight;
  };
}

/**
 * Waits for a shared promise on behalf of one caller: the caller's abort rejects its own wait
 * at once, with the signal's reason, and leaves the shared work running for everyone else.
 */
export function waitFor<T>(shared: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return shared;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    shared.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

import type { CohesityError } from './errors.js';

/** What each event carries. Never a secret. */
export interface ClientEvents {
  /** A new access token was obtained: `login` (first), `renewal` (ahead of expiry) or `rejected` (after a 401). */
  tokenRefreshed: { reason: 'login' | 'renewal' | 'rejected'; expiresAt: Date; lifetimeMsecs: number };
  /** A request is sent again after `delayMsecs`. */
  retry: { method: string; path: string; attempt: number; delayMsecs: number; status?: number; error?: CohesityError };
  /** Logging in failed, or the cluster rejected an API key or a given access token (401). */
  authFailed: { kind: 'password' | 'apiKey' | 'accessToken'; error: CohesityError };
}

export type ClientEventName = keyof ClientEvents;
export type ClientEventListener<K extends ClientEventName> = (event: ClientEvents[K]) => void;

/** A tiny typed emitter: the same in Node, browsers and Deno. A throwing listener is ignored. */
export class ClientEventEmitter {
  readonly #listeners = new Map<ClientEventName, Set<(event: never) => void>>();

  on<K extends ClientEventName>(name: K, listener: ClientEventListener<K>): () => void {
    const set = this.#listeners.get(name) ?? new Set();
    this.#listeners.set(name, set);
    set.add(listener);
    return () => this.off(name, listener);
  }

  off<K extends ClientEventName>(name: K, listener: ClientEventListener<K>): void {
    this.#listeners.get(name)?.delete(listener);
  }

  emit<K extends ClientEventName>(name: K, event: ClientEvents[K]): void {
    for (const listener of this.#listeners.get(name) ?? []) {
      try {
        (listener as ClientEventListener<K>)(event);
      } catch {
        // An app's listener must not break the request it observes.
      }
    }
  }
}
